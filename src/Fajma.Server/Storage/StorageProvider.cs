namespace Fajma.Server.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}
