using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Storage;

/// <summary>Names tables, columns, keys and indexes in snake_case, so hand-written SQL reads the same on every provider.</summary>
internal static class SnakeCaseNames
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            var singular = ToSnakeCase(entity.ClrType.Name);
            // Plural of the last word: -y after a consonant becomes -ies (entry → entries), else -s (key → keys).
            entity.SetTableName(singular.EndsWith('y') && singular.Length > 1 && !"aeiou".Contains(singular[^2], StringComparison.Ordinal) ? singular[..^1] + "ies" : singular + "s");
            foreach (var property in entity.GetProperties())
                property.SetColumnName(ToSnakeCase(property.Name));
            foreach (var key in entity.GetKeys())
                key.SetName($"pk_{entity.GetTableName()}");
            foreach (var foreignKey in entity.GetForeignKeys())
                foreignKey.SetConstraintName($"fk_{entity.GetTableName()}_{string.Join("_", foreignKey.Properties.Select(p => p.GetColumnName()))}");
            foreach (var index in entity.GetIndexes())
                index.SetDatabaseName($"ix_{entity.GetTableName()}_{string.Join("_", index.Properties.Select(p => p.GetColumnName()))}");
        }
    }

    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                builder.Append('_');
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }
}
