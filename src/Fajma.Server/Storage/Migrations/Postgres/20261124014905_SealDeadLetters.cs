using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fajma.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SealDeadLetters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Error texts and payload excerpts move into AES-GCM seals, which SQL cannot compute: refused messages
            // kept in plaintext before this release (development and demo data only) are removed, not left readable.
            migrationBuilder.Sql("DELETE FROM dead_letters;");

            migrationBuilder.DropColumn(
                name: "errors",
                table: "dead_letters");

            migrationBuilder.DropColumn(
                name: "payload_excerpt",
                table: "dead_letters");

            migrationBuilder.AddColumn<string>(
                name: "fields",
                table: "dead_letters",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<byte[]>(
                name: "sealed",
                table: "dead_letters",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0]);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "fields",
                table: "dead_letters");

            migrationBuilder.DropColumn(
                name: "sealed",
                table: "dead_letters");

            migrationBuilder.AddColumn<string>(
                name: "errors",
                table: "dead_letters",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "payload_excerpt",
                table: "dead_letters",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);
        }
    }
}
