using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fajma.Server.Ingestion;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Tests;

/// <summary>Devices on slow links send gzip: it is stored like a plain body, and the size limit holds for what it inflates to.</summary>
public sealed class CompressedBodyTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private readonly FajmaHost _host = fixture.Host;

    private static ByteArrayContent Encoded(byte[] body, string encoding)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentEncoding.Add(encoding);
        return content;
    }

    private static byte[] Gzip(byte[] body)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize)) gzip.Write(body);
        return compressed.ToArray();
    }

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    private Task<int> ObservationCountAsync(string deviceId) => _host.QueryAsync(db => db.Observations.CountAsync(o => o.DeviceId == deviceId));

    [Fact]
    public async Task AGzippedMessageIsStoredLikeAPlainOne()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var message = Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow);

        var response = await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Encoded(Gzip(message), "gzip"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("stored", (await response.Content.ReadFromJsonAsync<IngestReceipt>())!.Status);
        Assert.Equal(2, await ObservationCountAsync(deviceId)); // heart rate and blood pressure
    }

    [Fact]
    public async Task AGzippedPhoneBatchIsStoredItemByItem()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var items = Enumerable.Range(0, 10).Select(i => Encoding.UTF8.GetString(Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow.AddSeconds(-i))));
        var batch = Encoding.UTF8.GetBytes($$"""{"messages":[{{string.Join(',', items)}}]}""");

        var response = await _host.Http.PostAsync("/api/v1/iot/mobile-data", Encoded(Gzip(batch), "GZIP"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(10, (await response.Content.ReadFromJsonAsync<MobileBatchReceipt>())!.Stored);
        Assert.Equal(20, await ObservationCountAsync(deviceId));
    }

    [Fact]
    public async Task AGzipThatInflatesPastTheLimitIsA413AndNothingIsStored()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var message = Encoding.UTF8.GetString(Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow));
        // 32 MiB of blanks inside a valid message: about 32 KiB on the wire, under the 64 KiB limit for what is sent.
        var bomb = Gzip(Encoding.UTF8.GetBytes(message.Insert(1, new string(' ', 32 * 1024 * 1024))));
        Assert.True(bomb.Length < 64 * 1024, $"the bomb is {bomb.Length} bytes compressed");

        var response = await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Encoded(bomb, "gzip"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("inflates to more than", Assert.Single((await ErrorsAsync(response))["$"]), StringComparison.Ordinal);
        Assert.Equal(0, await ObservationCountAsync(deviceId));
    }

    [Theory]
    [InlineData("gzip", false)] // says gzip, is not
    [InlineData("br", true)]    // an encoding this endpoint does not take
    public async Task ABodyInAnEncodingItCannotReadIsA400NamingContentEncoding(string encoding, bool validJson)
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var body = validJson ? Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow) : "not gzip at all"u8.ToArray();

        var response = await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Encoded(body, encoding));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Content-Encoding", (await ErrorsAsync(response)).Keys);
        Assert.Equal(0, await ObservationCountAsync(deviceId));
    }
}
