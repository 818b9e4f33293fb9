using Fajma.Server.Privacy;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Tests;

/// <summary>
/// Two nodes on one PostgreSQL store meet a patient's first values at the same moment (their devices' readings are dealt to
/// both by the broker): each creates the patient's key, one insert loses on the key, and that node must use the winner's.
/// Before, it failed every reading of those patients and dropped its broker connection (a CI run: 25 readings not stored).
/// </summary>
public sealed class PatientKeyClusterTests : IAsyncLifetime
{
    private FajmaHost _a = null!;
    private FajmaHost _b = null!;

    public async Task InitializeAsync()
    {
        var database = await TestDatabase.PostgresAsync();
        _a = await FajmaHost.StartAsync(database);
        _b = await FajmaHost.StartAsync(database);
    }

    public async Task DisposeAsync()
    {
        await _b.StopKeepingDataAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task PatientsWhoseFirstValuesReachTwoNodesAtOnceGetOneKeyEachThatBothNodesUse()
    {
        var patients = new List<int>();
        for (var i = 0; i < 40; i++) patients.Add((await _a.RegisterPatientWithDeviceAsync()).PatientId);
        var (onA, onB) = (_a.App.Services.GetRequiredService<PatientKeys>(), _b.App.Services.GetRequiredService<PatientKeys>());

        var keys = await Task.WhenAll(patients.Select(async p =>
        {
            var both = await Task.WhenAll(onA.GetOrCreateAsync(p, CancellationToken.None).AsTask(), onB.GetOrCreateAsync(p, CancellationToken.None).AsTask());
            return (A: Convert.ToHexString(both[0]), B: Convert.ToHexString(both[1]));
        }));

        Assert.All(keys, k => Assert.Equal(k.A, k.B));
        Assert.Equal(patients.Count, keys.Select(k => k.A).Distinct().Count());
        Assert.Equal(patients.Count, await _a.QueryAsync(db => db.PatientKeys.CountAsync(k => patients.Contains(k.PatientId))));
    }
}
