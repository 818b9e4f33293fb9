using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fajma.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TriageFollowersNudges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "language",
                table: "web_push_subscriptions",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "follows",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    patient_id = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    relationship = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    redeemed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    follower_user_id = table.Column<int>(type: "INTEGER", nullable: true),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true),
                    share_vitals = table.Column<bool>(type: "INTEGER", nullable: false),
                    share_alerts = table.Column<bool>(type: "INTEGER", nullable: false),
                    history_hours = table.Column<int>(type: "INTEGER", nullable: false),
                    page_critical = table.Column<bool>(type: "INTEGER", nullable: false),
                    page_major = table.Column<bool>(type: "INTEGER", nullable: false),
                    page_warning = table.Column<bool>(type: "INTEGER", nullable: false),
                    page_delay_minutes = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_follows", x => x.id);
                    table.ForeignKey(
                        name: "fk_follows_follower_user_id",
                        column: x => x.follower_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_follows_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "nudges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    patient_id = table.Column<int>(type: "INTEGER", nullable: false),
                    device_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    battery = table.Column<int>(type: "INTEGER", nullable: true),
                    raised_at = table.Column<long>(type: "INTEGER", nullable: false),
                    pushed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    cleared_at = table.Column<long>(type: "INTEGER", nullable: true),
                    escalated_at = table.Column<long>(type: "INTEGER", nullable: true),
                    dismissed_at = table.Column<long>(type: "INTEGER", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "patient_reviews",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    patient_id = table.Column<int>(type: "INTEGER", nullable: false),
                    doctor_id = table.Column<int>(type: "INTEGER", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    sealed_note = table.Column<byte[]>(type: "BLOB", maxLength: 4096, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_patient_reviews", x => x.id);
                    table.ForeignKey(
                        name: "fk_patient_reviews_doctor_id",
                        column: x => x.doctor_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_patient_reviews_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_follows_follower_user_id_patient_id",
                table: "follows",
                columns: new[] { "follower_user_id", "patient_id" });

            migrationBuilder.CreateIndex(
                name: "ix_follows_patient_id",
                table: "follows",
                column: "patient_id");

            migrationBuilder.CreateIndex(
                name: "ix_follows_token_hash",
                table: "follows",
                column: "token_hash",
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "ix_patient_reviews_doctor_id",
                table: "patient_reviews",
                column: "doctor_id");

            migrationBuilder.CreateIndex(
                name: "ix_patient_reviews_patient_id_at",
                table: "patient_reviews",
                columns: new[] { "patient_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "follows");

            migrationBuilder.DropTable(
                name: "nudges");

            migrationBuilder.DropTable(
                name: "patient_reviews");

            migrationBuilder.DropColumn(
                name: "language",
                table: "web_push_subscriptions");
        }
    }
}
