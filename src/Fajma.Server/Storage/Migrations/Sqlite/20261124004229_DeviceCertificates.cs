using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fajma.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeviceCertificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "certificate_thumbprint",
                table: "devices",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "revoked_at",
                table: "devices",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "certificate_thumbprint",
                table: "devices");

            migrationBuilder.DropColumn(
                name: "revoked_at",
                table: "devices");
        }
    }
}
