using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fajma.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AlertsReachPeople : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "announced_at",
                table: "consultations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "day_reminder_sent_for",
                table: "consultations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "invitation_sequence",
                table: "consultations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "recording_consent",
                table: "consultations",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "NotAsked");

            migrationBuilder.AddColumn<long>(
                name: "soon_reminder_sent_for",
                table: "consultations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "outcome",
                table: "alerts",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "email",
                table: "alert_preferences",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "push",
                table: "alert_preferences",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "sms",
                table: "alert_preferences",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "voice",
                table: "alert_preferences",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "page_deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    alert_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    is_test = table.Column<bool>(type: "INTEGER", nullable: false),
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    target = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    provider_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    sent_at = table.Column<long>(type: "INTEGER", nullable: true),
                    delivered_at = table.Column<long>(type: "INTEGER", nullable: true),
                    read_at = table.Column<long>(type: "INTEGER", nullable: true),
                    acknowledged_at = table.Column<long>(type: "INTEGER", nullable: true),
                    failed_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_page_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_page_deliveries_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "paging_contacts",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_paging_contacts", x => x.user_id);
                    table.ForeignKey(
                        name: "fk_paging_contacts_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "patient_alarm_profiles",
                columns: table => new
                {
                    patient_id = table.Column<int>(type: "INTEGER", nullable: false),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    night_start = table.Column<int>(type: "INTEGER", nullable: false),
                    night_end = table.Column<int>(type: "INTEGER", nullable: false),
                    document = table.Column<string>(type: "TEXT", maxLength: 32000, nullable: false),
                    set_by = table.Column<int>(type: "INTEGER", nullable: false),
                    set_at = table.Column<long>(type: "INTEGER", nullable: false)
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
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    patient_id = table.Column<int>(type: "INTEGER", nullable: false),
                    rule = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    until = table.Column<long>(type: "INTEGER", nullable: false),
                    set_by = table.Column<int>(type: "INTEGER", nullable: false),
                    set_at = table.Column<long>(type: "INTEGER", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "rotas",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    first_handover = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    handover_times = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    cycle_days = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rotas", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "web_push_subscriptions",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    endpoint = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    p256dh = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    auth = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_web_push_subscriptions", x => x.id);
                    table.ForeignKey(
                        name: "fk_web_push_subscriptions_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rota_covers",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    rota_id = table.Column<int>(type: "INTEGER", nullable: false),
                    doctor_id = table.Column<int>(type: "INTEGER", nullable: false),
                    from = table.Column<long>(type: "INTEGER", nullable: false),
                    to = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rota_covers", x => x.id);
                    table.ForeignKey(
                        name: "fk_rota_covers_doctor_id",
                        column: x => x.doctor_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_rota_covers_rota_id",
                        column: x => x.rota_id,
                        principalTable: "rotas",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rota_members",
                columns: table => new
                {
                    rota_id = table.Column<int>(type: "INTEGER", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    doctor_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rota_members", x => new { x.rota_id, x.position });
                    table.ForeignKey(
                        name: "fk_rota_members_doctor_id",
                        column: x => x.doctor_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_rota_members_rota_id",
                        column: x => x.rota_id,
                        principalTable: "rotas",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_page_deliveries_alert_id_user_id",
                table: "page_deliveries",
                columns: new[] { "alert_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_page_deliveries_provider_id",
                table: "page_deliveries",
                column: "provider_id");

            migrationBuilder.CreateIndex(
                name: "ix_page_deliveries_user_id",
                table: "page_deliveries",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_patient_alarm_snoozes_patient_id_until",
                table: "patient_alarm_snoozes",
                columns: new[] { "patient_id", "until" });

            migrationBuilder.CreateIndex(
                name: "ix_rota_covers_doctor_id",
                table: "rota_covers",
                column: "doctor_id");

            migrationBuilder.CreateIndex(
                name: "ix_rota_covers_rota_id_from",
                table: "rota_covers",
                columns: new[] { "rota_id", "from" });

            migrationBuilder.CreateIndex(
                name: "ix_rota_members_doctor_id",
                table: "rota_members",
                column: "doctor_id");

            migrationBuilder.CreateIndex(
                name: "ix_rotas_name",
                table: "rotas",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_web_push_subscriptions_endpoint",
                table: "web_push_subscriptions",
                column: "endpoint",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_web_push_subscriptions_user_id",
                table: "web_push_subscriptions",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "page_deliveries");

            migrationBuilder.DropTable(
                name: "paging_contacts");

            migrationBuilder.DropTable(
                name: "patient_alarm_profiles");

            migrationBuilder.DropTable(
                name: "patient_alarm_snoozes");

            migrationBuilder.DropTable(
                name: "rota_covers");

            migrationBuilder.DropTable(
                name: "rota_members");

            migrationBuilder.DropTable(
                name: "web_push_subscriptions");

            migrationBuilder.DropTable(
                name: "rotas");

            migrationBuilder.DropColumn(
                name: "announced_at",
                table: "consultations");

            migrationBuilder.DropColumn(
                name: "day_reminder_sent_for",
                table: "consultations");

            migrationBuilder.DropColumn(
                name: "invitation_sequence",
                table: "consultations");

            migrationBuilder.DropColumn(
                name: "recording_consent",
                table: "consultations");

            migrationBuilder.DropColumn(
                name: "soon_reminder_sent_for",
                table: "consultations");

            migrationBuilder.DropColumn(
                name: "outcome",
                table: "alerts");

            migrationBuilder.DropColumn(
                name: "email",
                table: "alert_preferences");

            migrationBuilder.DropColumn(
                name: "push",
                table: "alert_preferences");

            migrationBuilder.DropColumn(
                name: "sms",
                table: "alert_preferences");

            migrationBuilder.DropColumn(
                name: "voice",
                table: "alert_preferences");
        }
    }
}
