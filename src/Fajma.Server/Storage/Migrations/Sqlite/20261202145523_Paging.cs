using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fajma.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Paging : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "web_push_subscriptions");

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
