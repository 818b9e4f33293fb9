using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Fajma.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Followers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "follows",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    patient_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    relationship = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    expires_at = table.Column<long>(type: "bigint", nullable: false),
                    redeemed_at = table.Column<long>(type: "bigint", nullable: true),
                    follower_user_id = table.Column<int>(type: "integer", nullable: true),
                    revoked_at = table.Column<long>(type: "bigint", nullable: true),
                    share_vitals = table.Column<bool>(type: "boolean", nullable: false),
                    share_alerts = table.Column<bool>(type: "boolean", nullable: false),
                    history_hours = table.Column<int>(type: "integer", nullable: false),
                    page_critical = table.Column<bool>(type: "boolean", nullable: false),
                    page_major = table.Column<bool>(type: "boolean", nullable: false),
                    page_warning = table.Column<bool>(type: "boolean", nullable: false),
                    page_delay_minutes = table.Column<int>(type: "integer", nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "follows");
        }
    }
}
