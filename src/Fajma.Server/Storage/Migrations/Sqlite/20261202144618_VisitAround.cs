using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fajma.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VisitAround : Migration
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
