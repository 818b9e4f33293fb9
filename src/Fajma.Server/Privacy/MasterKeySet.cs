namespace Fajma.Server.Privacy;

/// <summary>
/// The master key in use and, while a rotation is under way (or was interrupted), the one being rotated
/// to. A wrapped data key names its master by id, so during a rotation both kinds of rows stay readable.
/// </summary>
public sealed record MasterKeySet(MasterKey Current, MasterKey? Next)
{
    /// <summary>From configuration, else <c>{data}/keys/master.key</c> (created on first start) and a pending <c>master.key.next</c>.</summary>
    public static MasterKeySet Load(string? configured, string path) => new(MasterKey.Load(configured, path),
        string.IsNullOrWhiteSpace(configured) && File.Exists(MasterKey.NextPath(path))
            ? MasterKey.FromBase64(File.ReadAllText(MasterKey.NextPath(path)), MasterKey.NextPath(path)) : null);

    public MasterKey? Find(string id) => Current.Id == id ? Current : Next?.Id == id ? Next : null;
}
