using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fajma.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ObservationMinutes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_observations_patient_id_type_measured_at_id",
                table: "observations");

            migrationBuilder.CreateTable(
                name: "observation_minutes",
                columns: table => new
                {
                    patient_id = table.Column<int>(type: "integer", nullable: false),
                    type = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    start = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_observation_minutes", x => new { x.patient_id, x.type, x.start });
                    table.ForeignKey(
                        name: "fk_observation_minutes_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The minutes of the readings already stored, then the trigger that lists each new reading's minute: once per
            // statement, over the rows it inserted (the group commit inserts a whole batch in one statement).
            migrationBuilder.Sql("""
                INSERT INTO observation_minutes (patient_id, type, start)
                SELECT DISTINCT patient_id, type, measured_at - measured_at % 60000 FROM observations;
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION observations_minute() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO observation_minutes (patient_id, type, start)
                    SELECT DISTINCT patient_id, type, measured_at - measured_at % 60000 FROM inserted_rows
                    ORDER BY 1, 2, 3 -- two nodes' writers take the rows' locks in the same order: no deadlock between them
                    ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER observations_minute AFTER INSERT ON observations
                    REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION observations_minute();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER observations_minute ON observations; DROP FUNCTION observations_minute();");
            migrationBuilder.DropTable(
                name: "observation_minutes");

            migrationBuilder.CreateIndex(
                name: "ix_observations_patient_id_type_measured_at_id",
                table: "observations",
                columns: new[] { "patient_id", "type", "measured_at", "id" });
        }
    }
}
