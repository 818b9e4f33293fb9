using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fajma.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeviceControl : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "nominal_interval_ms",
                table: "devices",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "sampling_interval_ms",
                table: "devices",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "claimed_until",
                table: "device_commands",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "idempotency_key",
                table: "device_commands",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "interval_ms",
                table: "device_commands",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "reference",
                table: "device_commands",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "request_hash",
                table: "device_commands",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "requested_by",
                table: "device_commands",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sensor",
                table: "device_commands",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "sent_at",
                table: "device_commands",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_device_commands_requested_by_device_id_idempotency_key",
                table: "device_commands",
                columns: new[] { "requested_by", "device_id", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_device_commands_status_expires_at",
                table: "device_commands",
                columns: new[] { "status", "expires_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_device_commands_requested_by_device_id_idempotency_key",
                table: "device_commands");

            migrationBuilder.DropIndex(
                name: "ix_device_commands_status_expires_at",
                table: "device_commands");

            migrationBuilder.DropColumn(
                name: "nominal_interval_ms",
                table: "devices");

            migrationBuilder.DropColumn(
                name: "sampling_interval_ms",
                table: "devices");

            migrationBuilder.DropColumn(
                name: "claimed_until",
                table: "device_commands");

            migrationBuilder.DropColumn(
                name: "idempotency_key",
                table: "device_commands");

            migrationBuilder.DropColumn(
                name: "interval_ms",
                table: "device_commands");

            migrationBuilder.DropColumn(
                name: "reference",
                table: "device_commands");

            migrationBuilder.DropColumn(
                name: "request_hash",
                table: "device_commands");

            migrationBuilder.DropColumn(
                name: "requested_by",
                table: "device_commands");

            migrationBuilder.DropColumn(
                name: "sensor",
                table: "device_commands");

            migrationBuilder.DropColumn(
                name: "sent_at",
                table: "device_commands");
        }
    }
}
