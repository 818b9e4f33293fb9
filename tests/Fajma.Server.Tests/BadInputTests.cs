using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fajma.Server.Ingestion;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MQTTnet;
using MQTTnet.Protocol;

namespace Fajma.Server.Tests;

public sealed class BadInputTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private readonly FajmaHost _host = fixture.Host;

    private Task<HttpResponseMessage> PostAsync(string json) => _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(json));

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    private Task<int> ObservationCountAsync(string deviceId) => _host.QueryAsync(db => db.Observations.CountAsync(o => o.DeviceId == deviceId));

    [Fact]
    public async Task MalformedJsonIsA400ProblemNamingTheBody()
    {
        var response = await PostAsync("{\"device_id\": \"x\", ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("$", (await ErrorsAsync(response)).Keys);
    }

    [Fact]
    public async Task AnApiBodyThatIsNotJsonIsAProblemNamingTheBodyAndCreatesNothing()
    {
        var before = await _host.QueryAsync(db => db.Users.CountAsync());
        var response = await _host.Admin.PostAsync("/api/v1/users", Messages.Json("{\"email\": \"x@example.org\", "));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["$"], (await ErrorsAsync(response)).Keys);
        Assert.Equal(before, await _host.QueryAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task AnApiValueOfTheWrongTypeIsAProblemNamingThatFieldWithoutEchoingIt()
    {
        var response = await _host.Admin.PostAsync("/api/v1/users",
            Messages.Json("""{"email":"typed@example.org","displayName":"T","role":"patient","password":"long enough pass 1","patientId":"<script>"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await ErrorsAsync(response);
        Assert.Equal(["patientId"], errors.Keys);
        Assert.DoesNotContain("<script>", errors["patientId"][0], StringComparison.Ordinal);
        Assert.Equal(0, await _host.QueryAsync(db => db.UsersByEmail("typed@example.org").CountAsync()));
    }

    [Fact]
    public async Task AQueryValueThatDoesNotParseIsAProblemNamingTheParameter()
    {
        var response = await _host.Admin.GetAsync("/api/v1/audit?limit=ten");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["limit"], (await ErrorsAsync(response)).Keys);
    }

    [Fact]
    public async Task WrongTypesAreA422NamingEachFieldAndNothingIsStored()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var response = await PostAsync($$"""{"device_id":"{{deviceId}}","timestamp":"now","heart_rate":"72","spo2":98}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(["heart_rate", "timestamp"], (await ErrorsAsync(response)).Keys.Order());
        Assert.Equal(0, await ObservationCountAsync(deviceId));
    }

    [Fact]
    public async Task OneImplausibleValueRefusesTheWholeMessage()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var response = await PostAsync(Messages.Flat(deviceId, 10, heartRate: 72, spo2: 130));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("plausible", (await ErrorsAsync(response))["spo2"][0], StringComparison.Ordinal);
        Assert.Equal(0, await ObservationCountAsync(deviceId)); // the valid heart rate was not half-applied
    }

    [Fact]
    public async Task BadChecksumIsA422OnTheChecksumField()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var json = JsonSerializer.Deserialize<JsonElement>(Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow)).GetRawText()
            .Replace("\"value\":72", "\"value\":150", StringComparison.Ordinal);

        var response = await PostAsync(json);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("header.checksum", (await ErrorsAsync(response)).Keys);
    }

    [Fact]
    public async Task UnknownDeviceIsRefusedAsUnsignedCountedAndDeadLetteredForTheOperator()
    {
        var metrics = _host.App.Services.GetRequiredService<IngestionMetrics>();
        var before = metrics.RejectedTotal;
        var response = await PostAsync(Messages.Flat("NEVER-REGISTERED", 10));

        // The sender hears what a wrong signature hears; only the operator learns the device is unknown.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(["signature"], (await ErrorsAsync(response)).Keys);
        Assert.Equal(before + 1, metrics.RejectedTotal);
        var letter = await _host.QueryAsync(db => db.DeadLetters.SingleAsync(d => d.DeviceId == "NEVER-REGISTERED"));
        Assert.Equal(("Unauthenticated", "http", "signature"), (letter.Reason, letter.Transport, letter.Fields));
        // The texts and payload are sealed at rest; an operator holding the platform key reads them whole.
        var key = await _host.App.Services.GetRequiredService<Fajma.Server.Privacy.PatientKeys>().FindAsync(Fajma.Server.Privacy.PatientKeys.Platform, CancellationToken.None);
        var (errors, excerpt) = Fajma.Core.Crypto.DeadLetterSeal.Open(key, letter.ReceivedAt.ToUnixTimeMilliseconds(), letter.Transport, letter.Sealed);
        Assert.Contains("not a registered device", errors, StringComparison.Ordinal);
        Assert.Contains("\"heart_rate\":72", excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedBodyIsA413()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var padding = new string(' ', 70 * 1024);
        var response = await PostAsync($$"""{"device_id":"{{deviceId}}",{{padding}}"timestamp":1,"heart_rate":70}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await ObservationCountAsync(deviceId));
    }

    [Fact]
    public async Task ARedeliveredOrReplayedMessageIsAcknowledgedStoredOnceAndAudited()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var message = Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow);

        var first = await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(message));
        var second = await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(message));

        Assert.Equal("stored", (await first.Content.ReadFromJsonAsync<IngestReceipt>())!.Status);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("duplicate", (await second.Content.ReadFromJsonAsync<IngestReceipt>())!.Status);
        Assert.Equal(2, await ObservationCountAsync(deviceId)); // heart rate + blood pressure, once
        var replay = await _host.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Action == Fajma.Server.Privacy.AuditActions.DeviceMessageReplayed && e.Target == deviceId));
        Assert.Contains("already stored", replay.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MqttRefusalCarriesAReasonCodeAndTheFieldName()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        using var device = await _host.ConnectMqttAsync(deviceId);

        var ack = await device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"fajma/sensors/{deviceId}")
            .WithPayload(Messages.Flat(deviceId, 10, temperature: 55)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        var malformed = await device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"fajma/sensors/{deviceId}")
            .WithPayload("{{{").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        Assert.Equal(MqttClientPublishReasonCode.ImplementationSpecificError, ack.ReasonCode);
        Assert.StartsWith("temperature:", ack.ReasonString, StringComparison.Ordinal);
        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, malformed.ReasonCode);
        Assert.Equal(2, await _host.QueryAsync(db => db.DeadLetters.CountAsync(d => d.DeviceId == deviceId && d.Transport == "mqtt")));
    }

    [Fact]
    public async Task MqttMessageClaimingAnotherDeviceIsRefused()
    {
        var (_, mine) = await _host.RegisterPatientWithDeviceAsync();
        var (_, theirs) = await _host.RegisterPatientWithDeviceAsync();
        using var device = await _host.ConnectMqttAsync(mine);

        var ack = await device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"fajma/sensors/{mine}")
            .WithPayload(Messages.Flat(theirs, 10)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, ack.ReasonCode);
        Assert.Equal(0, await ObservationCountAsync(theirs));
    }

    [Fact]
    public async Task MobileBatchAnswersEachItemAndStoresOnlyTheValidOnes()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var good = JsonSerializer.Deserialize<JsonElement>(Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow));
        var unknown = JsonSerializer.Deserialize<JsonElement>(Messages.Standard("NOBODY", Guid.NewGuid(), DateTimeOffset.UtcNow));
        var batch = new { messages = new object[] { good, unknown, good, new { header = new { }, payload = new { } } } };

        var response = await _host.Http.PostAsJsonAsync("/api/v1/iot/mobile-data", batch);
        var receipt = await response.Content.ReadFromJsonAsync<MobileBatchReceipt>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Of two copies of one message, the first is the one stored, however the batch's items are scheduled.
        Assert.Equal(["stored", "rejected", "duplicate", "rejected"], receipt!.Results.Select(r => r.Status));
        Assert.Equal((1, 1, 2), (receipt.Stored, receipt.Duplicates, receipt.Rejected));
        Assert.Equal(401, receipt.Results[1].HttpStatus); // an unknown device answers as an unsigned one
        Assert.Equal(2, await ObservationCountAsync(deviceId));
    }

    [Fact]
    public async Task OfManyCopiesOfOneMessageInARelayBatchTheFirstIsStoredAndEveryLaterOneIsItsDuplicate()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var message = JsonSerializer.Deserialize<JsonElement>(Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow));
        var other = JsonSerializer.Deserialize<JsonElement>(Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow));

        var response = await _host.Http.PostAsJsonAsync("/api/v1/iot/mobile-data",
            new { messages = Enumerable.Repeat(message, 30).Prepend(other).ToArray() });
        var receipt = await response.Content.ReadFromJsonAsync<MobileBatchReceipt>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["stored", "stored", .. Enumerable.Repeat("duplicate", 29)], receipt!.Results.Select(r => r.Status));
        Assert.Equal(4, await ObservationCountAsync(deviceId)); // two messages of two vital signs each
    }

    [Fact]
    public async Task MobileBatchOfMoreThanAHundredMessagesIsRefusedWhole()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var message = JsonSerializer.Deserialize<JsonElement>(Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow));

        var response = await _host.Http.PostAsJsonAsync("/api/v1/iot/mobile-data", new { messages = Enumerable.Repeat(message, 101) });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("messages", (await ErrorsAsync(response)).Keys);
        Assert.Equal(0, await ObservationCountAsync(deviceId));
    }
}
