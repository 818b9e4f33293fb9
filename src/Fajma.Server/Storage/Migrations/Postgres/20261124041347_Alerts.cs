using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fajma.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Alerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "joined_at",
                table: "care_team_members",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "alert_preferences",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    browser = table.Column<bool>(type: "boolean", nullable: false),
                    sound = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alert_preferences", x => new { x.user_id, x.severity });
                    table.ForeignKey(
                        name: "fk_alert_preferences_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    patient_id = table.Column<int>(type: "integer", nullable: true),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    rule = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    device_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    raised_at = table.Column<long>(type: "bigint", nullable: false),
                    last_seen_at = table.Column<long>(type: "bigint", nullable: false),
                    occurrences = table.Column<int>(type: "integer", nullable: false),
                    escalation_level = table.Column<int>(type: "integer", nullable: false),
                    acknowledged_by = table.Column<int>(type: "integer", nullable: true),
                    acknowledged_at = table.Column<long>(type: "bigint", nullable: true),
                    resolved_by = table.Column<int>(type: "integer", nullable: true),
                    resolved_at = table.Column<long>(type: "bigint", nullable: true),
                    source_message_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    @sealed = table.Column<byte[]>(name: "sealed", type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alerts", x => x.id);
                    table.ForeignKey(
                        name: "fk_alerts_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "news2_assessments",
                columns: table => new
                {
                    patient_id = table.Column<int>(type: "integer", nullable: false),
                    @sealed = table.Column<byte[]>(name: "sealed", type: "bytea", nullable: false),
                    set_by = table.Column<int>(type: "integer", nullable: false),
                    set_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_news2_assessments", x => x.patient_id);
                    table.ForeignKey(
                        name: "fk_news2_assessments_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_alerts_device_id_source_message_id",
                table: "alerts",
                columns: new[] { "device_id", "source_message_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_alerts_patient_id_raised_at",
                table: "alerts",
                columns: new[] { "patient_id", "raised_at" });

            migrationBuilder.CreateIndex(
                name: "ix_alerts_status",
                table: "alerts",
                column: "status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alert_preferences");

            migrationBuilder.DropTable(
                name: "alerts");

            migrationBuilder.DropTable(
                name: "news2_assessments");

            migrationBuilder.DropColumn(
                name: "joined_at",
                table: "care_team_members");
        }
    }
}
