using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fajma.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SealObservations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Values move into AES-GCM seals under per-patient keys, which SQL cannot compute: readings stored
            // in plaintext before this release (development and demo data only) are removed, not left readable.
            migrationBuilder.Sql("DELETE FROM observations;");

            migrationBuilder.DropColumn(
                name: "diastolic",
                table: "observations");

            migrationBuilder.DropColumn(
                name: "quality",
                table: "observations");

            migrationBuilder.DropColumn(
                name: "value",
                table: "observations");

            migrationBuilder.AddColumn<byte[]>(
                name: "sealed",
                table: "observations",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.CreateTable(
                name: "patient_keys",
                columns: table => new
                {
                    patient_id = table.Column<int>(type: "integer", nullable: false),
                    wrapped_key = table.Column<byte[]>(type: "bytea", nullable: false),
                    master_key_id = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_patient_keys", x => x.patient_id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "patient_keys");

            migrationBuilder.DropColumn(
                name: "sealed",
                table: "observations");

            migrationBuilder.AddColumn<double>(
                name: "diastolic",
                table: "observations",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "quality",
                table: "observations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "value",
                table: "observations",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);
        }
    }
}
