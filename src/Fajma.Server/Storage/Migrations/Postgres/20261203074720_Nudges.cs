using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fajma.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Nudges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "language",
                table: "web_push_subscriptions",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "nudges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    patient_id = table.Column<int>(type: "integer", nullable: false),
                    device_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    battery = table.Column<int>(type: "integer", nullable: true),
                    raised_at = table.Column<long>(type: "bigint", nullable: false),
                    pushed_at = table.Column<long>(type: "bigint", nullable: true),
                    cleared_at = table.Column<long>(type: "bigint", nullable: true),
                    escalated_at = table.Column<long>(type: "bigint", nullable: true),
                    dismissed_at = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_nudges", x => x.id);
                    table.ForeignKey(
                        name: "fk_nudges_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_nudges_device_id_kind",
                table: "nudges",
                columns: new[] { "device_id", "kind" },
                unique: true,
                filter: "cleared_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_nudges_patient_id_raised_at",
                table: "nudges",
                columns: new[] { "patient_id", "raised_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "nudges");

            migrationBuilder.DropColumn(
                name: "language",
                table: "web_push_subscriptions");
        }
    }
}
