using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fajma.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OnCallRotas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rota_covers");

            migrationBuilder.DropTable(
                name: "rota_members");

            migrationBuilder.DropTable(
                name: "rotas");
        }
    }
}
