using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fajma.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dead_letters",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    transport = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    device_id = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    errors = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    payload_size = table.Column<int>(type: "INTEGER", nullable: false),
                    payload_excerpt = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dead_letters", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ingested_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    device_id = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    message_key = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    format = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    message_type = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    transport = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    device_time = table.Column<long>(type: "INTEGER", nullable: true),
                    device_sequence = table.Column<long>(type: "INTEGER", nullable: true),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ingested_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "patients",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    date_of_birth = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_patients", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "devices",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    patient_id = table.Column<int>(type: "INTEGER", nullable: true),
                    battery_level = table.Column<int>(type: "INTEGER", nullable: true),
                    signal_strength = table.Column<int>(type: "INTEGER", nullable: true),
                    last_calibration = table.Column<long>(type: "INTEGER", nullable: true),
                    last_seen_at = table.Column<long>(type: "INTEGER", nullable: true),
                    registered_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_devices", x => x.id);
                    table.ForeignKey(
                        name: "fk_devices_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "observations",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    message_id = table.Column<long>(type: "INTEGER", nullable: false),
                    patient_id = table.Column<int>(type: "INTEGER", nullable: false),
                    device_id = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    loinc = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    value = table.Column<double>(type: "REAL", nullable: false),
                    diastolic = table.Column<double>(type: "REAL", nullable: true),
                    unit = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    quality = table.Column<int>(type: "INTEGER", nullable: true),
                    measured_at = table.Column<long>(type: "INTEGER", nullable: false),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    clock_source = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_observations", x => x.id);
                    table.ForeignKey(
                        name: "fk_observations_message_id",
                        column: x => x.message_id,
                        principalTable: "ingested_messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_observations_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_dead_letters_received_at",
                table: "dead_letters",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "ix_devices_patient_id",
                table: "devices",
                column: "patient_id");

            migrationBuilder.CreateIndex(
                name: "ix_ingested_messages_device_id_message_key",
                table: "ingested_messages",
                columns: new[] { "device_id", "message_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_observations_message_id",
                table: "observations",
                column: "message_id");

            migrationBuilder.CreateIndex(
                name: "ix_observations_patient_id_measured_at_id",
                table: "observations",
                columns: new[] { "patient_id", "measured_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_observations_patient_id_type_measured_at_id",
                table: "observations",
                columns: new[] { "patient_id", "type", "measured_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dead_letters");

            migrationBuilder.DropTable(
                name: "devices");

            migrationBuilder.DropTable(
                name: "observations");

            migrationBuilder.DropTable(
                name: "ingested_messages");

            migrationBuilder.DropTable(
                name: "patients");
        }
    }
}
