using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fajma.Server.Alerts;
using Fajma.Server.Ingestion;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MQTTnet;
using MQTTnet.Protocol;

namespace Fajma.Server.Tests;

/// <summary>
/// What an attacker tried from outside, through the real host: input the parsers cannot read, replays of real readings,
/// and unsigned messages probing which patient owns a device. Each is refused by name, moves nothing, and tells nothing.
/// </summary>
public sealed class HostileInputTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private readonly FajmaHost _host = fixture.Host;

    private static string StandardJson(string deviceId, string find = "", string replace = "")
    {
        var json = Encoding.UTF8.GetString(Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow));
        return find.Length == 0 ? json : json.Replace(find, replace, StringComparison.Ordinal);
    }

    private static async Task<(int Status, string[] Fields)> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return ((int)response.StatusCode, body.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToArray());
    }

    private static (int Status, string Field) Single((int Status, string[] Fields) problem) => (problem.Status, Assert.Single(problem.Fields));

    private Task<int> DeadLettersAsync() => _host.QueryAsync(db => db.DeadLetters.CountAsync());

    private Task<int> ObservationsAsync(string deviceId) => _host.QueryAsync(db => db.Observations.CountAsync(o => o.DeviceId == deviceId));

    private async Task<List<AlertDto>> OpenAlertsAsync(int patientId) =>
        (await _host.Http.GetFromJsonAsync<List<AlertDto>>($"/api/v1/alerts?patientId={patientId}&status=active"))!;

    private async Task<string> PostFlatAsync(string deviceId, long uptime, double heartRate)
    {
        var response = await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Flat(deviceId, uptime, heartRate)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<IngestReceipt>())!.Status;
    }

    [Theory]
    [InlineData("/api/v1/iot/realtime-data/", "\"value\":72", "\"value\":1e309", "payload.measurements[0].value")]
    [InlineData("/api/v1/iot/realtime-data/", "\"value\":72", "\"value\":-1e400", "payload.measurements[0].value")]
    [InlineData("/api/v1/iot/realtime-data/", "\"protocol_version\":\"1.0\"", "\"protocol_version\":\"\\ud800\"", "header.protocol_version")]
    [InlineData("/api/v1/iot/alerts/critical/", "\"value\":72", "\"value\":1e309", "payload.measurements[0].value")]
    [InlineData("/api/v1/iot/alerts/critical/", "\"battery_level\":85", "\"battery_level\":85,\"note\":\"\\udc00\"", "payload.device_status.note")]
    public async Task AnUnreadableNumberOrStringIsA400NamingTheFieldAndIsDeadLettered(string route, string find, string replace, string field)
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var lettersBefore = await DeadLettersAsync();

        var response = await _host.Http.PostAsync(route, Messages.Json(StandardJson(deviceId, find, replace)));

        Assert.Equal((400, field), Single(await ProblemAsync(response)));
        Assert.Equal(lettersBefore + 1, await DeadLettersAsync());
        Assert.Equal(0, await ObservationsAsync(deviceId));
    }

    [Fact]
    public async Task AMobileBatchWithAnUnreadableItemStoresTheOthersAnswersEachAndCanBeSentAgain()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var body = $$"""{"messages":[{{StandardJson(deviceId)}},{{StandardJson(deviceId, "\"value\":72", "\"value\":1e309")}},{{StandardJson(deviceId)}}]}""";

        var first = await (await _host.Http.PostAsync("/api/v1/iot/mobile-data", Messages.Json(body))).Content.ReadFromJsonAsync<MobileBatchReceipt>();
        var again = await _host.Http.PostAsync("/api/v1/iot/mobile-data", Messages.Json(body));
        var second = await again.Content.ReadFromJsonAsync<MobileBatchReceipt>();

        Assert.Equal(["stored", "rejected", "stored"], first!.Results.Select(r => r.Status));
        Assert.Equal((400, "payload.measurements[0].value"), (first.Results[1].HttpStatus, Assert.Single(first.Results[1].Errors!).Field));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode); // a phone that retries is not stuck
        Assert.Equal(["duplicate", "rejected", "duplicate"], second!.Results.Select(r => r.Status));
        Assert.Equal(4, await ObservationsAsync(deviceId)); // two messages of heart rate + blood pressure, once each
    }

    [Fact]
    public async Task AMobileBatchNestedDeeperThanAMessageMayIsRefusedWhole()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var deep = string.Concat(Enumerable.Repeat("[", 30)) + string.Concat(Enumerable.Repeat("]", 30));
        var body = $$$"""{"messages":[{{{StandardJson(deviceId)}}},{"header":{"deep":{{{deep}}}}}]}""";

        var response = await _host.Http.PostAsync("/api/v1/iot/mobile-data", Messages.Json(body));

        Assert.Equal((400, "$"), Single(await ProblemAsync(response)));
        Assert.Equal(0, await ObservationsAsync(deviceId));
    }

    [Fact]
    public async Task AnUnreadableMqttMessageGetsAReasonCodeNamingTheFieldAndTheDeviceStaysConnected()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        using var client = await _host.ConnectMqttAsync(deviceId);
        MqttApplicationMessage Message(string json) => new MqttApplicationMessageBuilder().WithTopic($"fajma/sensors/{deviceId}")
            .WithPayload(json).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

        var refused = await client.PublishAsync(Message(StandardJson(deviceId, "\"value\":72", "\"value\":1e309")));
        var next = await client.PublishAsync(Message(StandardJson(deviceId)));

        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, refused.ReasonCode);
        Assert.StartsWith("payload.measurements[0].value:", refused.ReasonString, StringComparison.Ordinal);
        Assert.Equal(MqttClientPublishReasonCode.Success, next.ReasonCode);
        Assert.True(client.IsConnected);
        Assert.Equal(1, await _host.QueryAsync(db => db.DeadLetters.CountAsync(d => d.DeviceId == deviceId && d.Transport == "mqtt")));
    }

    [Fact]
    public async Task AReplayedAbnormalReadingIsNotTheSecondReadingInARow()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();

        Assert.Equal("stored", await PostFlatAsync(deviceId, 1_000, 167));
        Assert.Equal("duplicate", await PostFlatAsync(deviceId, 1_000, 167));
        Assert.Empty(await OpenAlertsAsync(patientId));

        Assert.Equal("stored", await PostFlatAsync(deviceId, 2_000, 168)); // a real second reading does raise
        Assert.Equal("heart_rate:high", Assert.Single(await OpenAlertsAsync(patientId)).Rule);
    }

    [Fact]
    public async Task CopiesOfOneAbnormalReadingArrivingTogetherCountOnce()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var message = Messages.Flat(deviceId, 1_000, 170);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(message))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Empty(await OpenAlertsAsync(patientId));
        Assert.Equal(3, await ObservationsAsync(deviceId)); // heart rate, SpO2 and temperature, once
    }

    [Fact]
    public async Task ReplayedNormalReadingsDoNotCloseARealAlert()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        await PostFlatAsync(deviceId, 1_000, 167);
        await PostFlatAsync(deviceId, 2_000, 168);
        var raised = Assert.Single(await OpenAlertsAsync(patientId));

        await PostFlatAsync(deviceId, 3_000, 72);
        foreach (var _ in Enumerable.Range(0, 3)) Assert.Equal("duplicate", await PostFlatAsync(deviceId, 3_000, 72));

        Assert.Equal(raised.Id, Assert.Single(await OpenAlertsAsync(patientId)).Id);
        await PostFlatAsync(deviceId, 4_000, 74); // a real second normal reading resolves it
        Assert.Empty(await OpenAlertsAsync(patientId));
    }

    [Fact]
    public async Task AnUnsignedOrForgedMessageLearnsNothingAboutTheDeviceOrItsPatient()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        async Task<string> AnswerAsync(string device, int patient, bool forged)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(StandardJson(device))!.AsObject();
            node["header"]!["patient_id"] = System.Text.Json.Nodes.JsonValue.Create(patient);
            node.Remove("signature");
            if (forged) node["signature"] = "hmac-sha256:" + Convert.ToBase64String(new byte[32]).TrimEnd('=');
            var response = await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(node.ToJsonString()));
            var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            body.Remove("traceId");
            return $"{(int)response.StatusCode} {body.ToJsonString()}";
        }

        foreach (var forged in new[] { false, true })
        {
            var rightPatient = await AnswerAsync(deviceId, patientId, forged);
            var wrongPatient = await AnswerAsync(deviceId, patientId + 1000, forged);
            var unknownDevice = await AnswerAsync("NEVER-REGISTERED-" + patientId, patientId, forged);

            Assert.StartsWith("401 ", rightPatient, StringComparison.Ordinal);
            Assert.Equal(rightPatient, wrongPatient);
            Assert.Equal(rightPatient, unknownDevice);
        }
    }
}
