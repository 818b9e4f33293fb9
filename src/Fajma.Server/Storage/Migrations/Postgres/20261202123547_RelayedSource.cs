using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fajma.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RelayedSource : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "source",
                table: "ingested_messages",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "source",
                table: "ingested_messages");
        }
    }
}
