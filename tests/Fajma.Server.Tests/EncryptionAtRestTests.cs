using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Fajma.Server.Observations;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Tests;

/// <summary>Clinical values are sealed with AES-256-GCM under per-patient keys: not in the file, not alterable unseen, gone with the key.</summary>
public sealed class EncryptionAtRestTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private readonly FajmaHost _host = fixture.Host;

    // Unusual, non-integral values: SQLite would store integral reals as integers, and these occur nowhere else.
    private const double HeartRate = 171.37;
    private const double Spo2 = 91.73;
    private const double Temperature = 38.93;
    private const double ImplausibleHeartRate = 412.37; // refused: kept only as a sealed dead letter


    private async Task<int> StoreDistinctiveReadingAsync()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var response = await _host.Http.PostAsync("/api/v1/iot/realtime-data/",
            Messages.Json(Messages.Flat(deviceId, 5_000, HeartRate, Spo2, Temperature)));
        response.EnsureSuccessStatusCode();
        return patientId;
    }

    private Task<HttpResponseMessage> HistoryAsync(int patientId) => _host.Http.GetAsync($"/api/v1/patients/{patientId}/observations");

    [Fact]
    public async Task RawDatabaseBytesHoldNoneOfAPatientsVitalsInPlaintextNotEvenRefusedOnes()
    {
        var patientId = await StoreDistinctiveReadingAsync();
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var refused = await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Flat(deviceId, 9_000, ImplausibleHeartRate)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var history = await (await HistoryAsync(patientId)).Content.ReadFromJsonAsync<ObservationPage>();
        Assert.Equal([HeartRate, Spo2, Temperature], history!.Items.OrderBy(o => o.Type, StringComparer.Ordinal).Select(o => o.Value));

        var directory = _host.App.Services.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory;
        var files = Directory.GetFiles(directory, "fajma.db*"); // the database, its WAL (where fresh commits are) and shared memory
        Assert.Contains(files, f => f.EndsWith("-wal", StringComparison.Ordinal));
        foreach (var file in files)
        {
            byte[] bytes;
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                bytes = new byte[stream.Length];
                await stream.ReadExactlyAsync(bytes);
            }
            foreach (var value in (double[])[HeartRate, Spo2, Temperature, ImplausibleHeartRate])
            {
                foreach (var encoding in Encodings(value))
                    Assert.True(bytes.AsSpan().IndexOf(encoding) < 0, $"{Path.GetFileName(file)} holds {value} in plaintext");
            }
        }
    }

    [Fact]
    public async Task OneFlippedCiphertextByteIsAnIntegrityErrorNeverWrongData()
    {
        var patientId = await StoreDistinctiveReadingAsync();
        var row = await _host.QueryAsync(db => db.Observations.AsNoTracking().FirstAsync(o => o.PatientId == patientId && o.Type == "heart_rate"));
        var tampered = (byte[])row.Sealed.Clone();
        tampered[^3] ^= 0x01; // one bit of the ciphertext
        await _host.QueryAsync(db => db.Observations.Where(o => o.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Sealed, tampered)));

        var response = await HistoryAsync(patientId);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var problem = System.Text.Json.JsonSerializer.Deserialize<ProblemDetails>(body, System.Text.Json.JsonSerializerOptions.Web)!;
        Assert.Equal("Stored data failed its integrity check", problem.Title);
        Assert.Contains($"observation {row.Id}", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("171.3", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"value\"", body, StringComparison.Ordinal);
        var board = await _host.Http.GetAsync($"/api/v1/patients/{patientId}");
        Assert.Equal(HttpStatusCode.InternalServerError, board.StatusCode);
    }

    [Fact]
    public async Task ShreddingAPatientsKeyLeavesTheirRowsUnreadable()
    {
        var patientId = await StoreDistinctiveReadingAsync();
        var other = await StoreDistinctiveReadingAsync();

        await _host.App.Services.GetRequiredService<PatientKeys>().ShredAsync(patientId, CancellationToken.None);

        Assert.Equal(3, await _host.QueryAsync(db => db.Observations.CountAsync(o => o.PatientId == patientId))); // still on disk
        Assert.Equal(0, await _host.QueryAsync(db => db.PatientKeys.CountAsync(k => k.PatientId == patientId)));
        Assert.Empty((await (await HistoryAsync(patientId)).Content.ReadFromJsonAsync<ObservationPage>())!.Items);
        Assert.Equal(3, (await (await HistoryAsync(other)).Content.ReadFromJsonAsync<ObservationPage>())!.Items.Count);
    }

    /// <summary>Every way a value could sit in a file: IEEE 754 in either byte order (SQLite writes big-endian), and as text.</summary>
    private static IEnumerable<byte[]> Encodings(double value)
    {
        var big = new byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(big, value);
        var little = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(little, value);
        return [big, little, Encoding.UTF8.GetBytes(value.ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }
    /// <summary>A fleet starting at once: the patients' keys are created together (in batches), each its own, as stored.</summary>
    [Fact]
    public async Task PatientsWhoseKeysAreFirstNeededTogetherEachGetTheirOwnKeyAsStored()
    {
        var patients = new List<int>();
        for (var i = 0; i < 30; i++) patients.Add((await _host.RegisterPatientWithDeviceAsync()).PatientId);
        var keys = _host.App.Services.GetRequiredService<PatientKeys>();
        Assert.Equal(0, await _host.QueryAsync(db => db.PatientKeys.CountAsync(k => patients.Contains(k.PatientId)))); // none before their first sealed value

        var created = await Task.WhenAll(patients.Select(p => keys.GetOrCreateAsync(p, CancellationToken.None).AsTask()));

        Assert.Equal(patients.Count, created.Select(Convert.ToHexString).Distinct().Count());
        var stored = await _host.QueryAsync(db => db.PatientKeys.Where(k => patients.Contains(k.PatientId)).Select(k => k.PatientId).ToListAsync());
        Assert.Equal(patients.Order(), stored.Order());
        foreach (var (patientId, key) in patients.Zip(created))
            Assert.Equal(key, await keys.GetOrCreateAsync(patientId, CancellationToken.None)); // the same key ever after
    }
}
