using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Fajma.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AlarmProfiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "outcome",
                table: "alerts",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "patient_alarm_profiles",
                columns: table => new
                {
                    patient_id = table.Column<int>(type: "integer", nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    night_start = table.Column<int>(type: "integer", nullable: false),
                    night_end = table.Column<int>(type: "integer", nullable: false),
                    document = table.Column<string>(type: "character varying(32000)", maxLength: 32000, nullable: false),
                    set_by = table.Column<int>(type: "integer", nullable: false),
                    set_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_patient_alarm_profiles", x => x.patient_id);
                    table.ForeignKey(
                        name: "fk_patient_alarm_profiles_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "patient_alarm_snoozes",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    patient_id = table.Column<int>(type: "integer", nullable: false),
                    rule = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    until = table.Column<long>(type: "bigint", nullable: false),
                    set_by = table.Column<int>(type: "integer", nullable: false),
                    set_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_patient_alarm_snoozes", x => x.id);
                    table.ForeignKey(
                        name: "fk_patient_alarm_snoozes_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_patient_alarm_snoozes_patient_id_until",
                table: "patient_alarm_snoozes",
                columns: new[] { "patient_id", "until" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "patient_alarm_profiles");

            migrationBuilder.DropTable(
                name: "patient_alarm_snoozes");

            migrationBuilder.DropColumn(
                name: "outcome",
                table: "alerts");
        }
    }
}
