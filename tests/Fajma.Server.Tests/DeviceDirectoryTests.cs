using Fajma.Server.Devices;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Fajma.Server.Tests;

/// <summary>
/// The device directory's cache read again together, on a fake clock the test moves: a change no notice brought to this
/// node (Redis away) is seen by the next refresh, and an unchanged device keeps its entry instead of a read of its own.
/// </summary>
public sealed class DeviceDirectoryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private FajmaHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(), b => b.Services.AddSingleton<TimeProvider>(_time));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private DeviceDirectory Directory => _host.App.Services.GetRequiredService<DeviceDirectory>();

    [Fact]
    public async Task ChangesNoNoticeBroughtAreSeenWithinHalfAMinuteAndAnUnchangedDeviceKeepsItsEntry()
    {
        var (_, revoked) = await _host.RegisterPatientWithDeviceAsync();
        var (_, reassigned) = await _host.RegisterPatientWithDeviceAsync();
        var (otherPatient, unchanged) = await _host.RegisterPatientWithDeviceAsync();
        foreach (var id in new[] { revoked, reassigned, unchanged }) Assert.NotNull(await Directory.FindAsync(id, default));

        // Written to the store behind the directory's back, as another node would with this one's notice lost.
        await _host.QueryAsync(db => db.Devices.Where(d => d.Id == revoked).ExecuteUpdateAsync(s => s.SetProperty(d => d.RevokedAt, DateTimeOffset.UtcNow)));
        await _host.QueryAsync(db => db.Devices.Where(d => d.Id == reassigned).ExecuteUpdateAsync(s => s.SetProperty(d => d.PatientId, otherPatient)));
        Assert.NotNull(await Directory.FindAsync(revoked, default)); // still cached: nothing told this node

        _time.Advance(TimeSpan.FromSeconds(31)); // half a minute after the reads: the refresh reads them again
        await Wait.UntilAsync(async () => await Directory.FindAsync(revoked, default) is null, "refusal of the revoked device");
        await Wait.UntilAsync(async () => (await Directory.FindAsync(reassigned, default))?.PatientId == otherPatient, "reassignment seen");

        await Directory.RefreshAsync(default); // what the background refresh may not have reached yet, done now
        var kept = await Directory.FindAsync(unchanged, default); // as read from the store

        _time.Advance(TimeSpan.FromSeconds(40));
        await Directory.RefreshAsync(default);
        _time.Advance(TimeSpan.FromSeconds(40)); // over a minute since it was read: renewed in place, not read again alone
        Assert.Same(kept, await Directory.FindAsync(unchanged, default));
    }
}
