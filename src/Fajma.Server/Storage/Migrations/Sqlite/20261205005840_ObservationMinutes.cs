using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fajma.Server.Storage.Migrations.Sqlite
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

            // Written by hand for WITHOUT ROWID: the table is its key, one B-tree instead of a table and its key's index.
            // (EF cannot say it; a later migration that rebuilds this table must keep it.)
            migrationBuilder.Sql("""
                CREATE TABLE observation_minutes (
                    patient_id INTEGER NOT NULL,
                    type TEXT NOT NULL,
                    start INTEGER NOT NULL,
                    CONSTRAINT pk_observation_minutes PRIMARY KEY (patient_id, type, start),
                    CONSTRAINT fk_observation_minutes_patient_id FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE CASCADE
                ) WITHOUT ROWID;
                """);

            // The minutes of the readings already stored, then the trigger that lists each new reading's minute (a no-op, and no
            // page written, when the minute is already listed).
            migrationBuilder.Sql("""
                INSERT INTO observation_minutes (patient_id, type, start)
                SELECT DISTINCT patient_id, type, measured_at - measured_at % 60000 FROM observations;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER observations_minute AFTER INSERT ON observations
                BEGIN
                    INSERT INTO observation_minutes (patient_id, type, start) VALUES (NEW.patient_id, NEW.type, NEW.measured_at - NEW.measured_at % 60000)
                    ON CONFLICT DO NOTHING;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER observations_minute;");
            migrationBuilder.DropTable(
                name: "observation_minutes");

            migrationBuilder.CreateIndex(
                name: "ix_observations_patient_id_type_measured_at_id",
                table: "observations",
                columns: new[] { "patient_id", "type", "measured_at", "id" });
        }
    }
}
