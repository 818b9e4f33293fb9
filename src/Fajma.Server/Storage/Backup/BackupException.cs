namespace Fajma.Server.Storage.Backup;

/// <summary>A backup or restore refused or failed; the message says why, for the operator. Nothing was half-written.</summary>
public sealed class BackupException : Exception
{
    public BackupException(string message) : base(message) { }

    public BackupException(string message, Exception inner) : base(message, inner) { }
}
