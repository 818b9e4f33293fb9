using System.Text;
using System.Text.Json;
using Fajma.Core.Messages;

namespace Fajma.Core.Tests;

/// <summary>
/// What System.Text.Json parses but cannot read back (a number beyond a double, a lone surrogate, invalid UTF-8,
/// a member twice) is refused by name before any checksum or signature is computed over it.
/// </summary>
public sealed class UnreadableInputTests
{
    private static string Replace(byte[] json, string find, string with)
    {
        var text = Encoding.UTF8.GetString(json);
        Assert.Contains(find, text, StringComparison.Ordinal);
        return text.Replace(find, with, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e309")]
    [InlineData("-1e400")]
    [InlineData("123456789e999")]
    public void ANumberBeyondADoubleIsRefusedNamingItsPath(string number)
    {
        var json = Replace(MessageSamples.Standard(), "\"value\":72", $"\"value\":{number}");

        var result = MessageSamples.Parse(json);

        Assert.Equal(RejectionReason.Malformed, result.Rejection!.Reason);
        Assert.Equal("payload.measurements[0].value", Assert.Single(result.Rejection.Errors).Field);
        Assert.Contains("beyond the range of a double", result.Rejection.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\\ud800", "header.message_id")]
    [InlineData("abc\\udfff", "header.message_id")]
    [InlineData("\\ud800\\ud800", "header.message_id")]
    public void ALoneSurrogateIsRefusedNamingItsPath(string text, string field)
    {
        var json = Replace(MessageSamples.Standard(), "6f1c2a9e-5b1d-4c7e-9a3f-2d8e4b6c1a70", text);

        var result = MessageSamples.Parse(json);

        Assert.Equal(RejectionReason.Malformed, result.Rejection!.Reason);
        Assert.Equal(field, Assert.Single(result.Rejection.Errors).Field);
    }

    [Fact]
    public void ALoneSurrogateInAMemberNameOrAnUnreadFieldIsRefusedToo()
    {
        var inName = MessageSamples.Parse("""{"device_id":"esp-1","timestamp":1,"heart_rate":72,"\ud800":1}""");
        var inExtra = MessageSamples.Parse("""{"device_id":"esp-1","timestamp":1,"heart_rate":72,"note":"\udc00","signature":"hmac-sha256:x"}""");

        Assert.Equal(("$", RejectionReason.Malformed), (Assert.Single(inName.Rejection!.Errors).Field, inName.Rejection.Reason));
        Assert.Equal("note", Assert.Single(inExtra.Rejection!.Errors).Field);
    }

    [Fact]
    public void InvalidUtf8InsideAStringIsRefusedNotThrown()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"device_id":"esp-X","timestamp":1,"heart_rate":72}""");
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xFF;

        var result = DeviceMessageParser.Parse(bytes);

        Assert.False(result.IsValid);
        Assert.Equal("device_id", result.Rejection.Errors[0].Field);
    }

    [Fact]
    public void AMemberNamedTwiceIsRefusedEvenWhenSpelledWithAnEscape()
    {
        var plain = MessageSamples.Parse("""{"device_id":"esp-1","device_id":"esp-2","timestamp":1,"heart_rate":72}""");
        var escaped = MessageSamples.Parse("""{"device_id":"esp-1","timestamp":1,"heart_rate":72,"heart\u005frate":180}""");

        Assert.Equal("device_id", Assert.Single(plain.Rejection!.Errors).Field);
        Assert.Equal("heart_rate", Assert.Single(escaped.Rejection!.Errors).Field);
        Assert.Contains("more than once", escaped.Rejection.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(40)] // past the names compared pair by pair: through a set
    public void AMemberNamedTwiceDeepInsideIsNamedByItsPath(int members)
    {
        var extra = string.Concat(Enumerable.Range(0, members - 2).Select(i => $",\"x{i}\":{i}"));
        using var twice = JsonDocument.Parse($$$"""{"payload":{"measurements":[{"type":"HR"},{"type":"HR","value":1{{{extra}}},"value":2}]}}""");
        using var once = JsonDocument.Parse($$$"""{"a":[{"b":1{{{extra}}}}],"c":"\u00e9"}""");

        Assert.Equal("payload.measurements[1].value", InteroperableJson.FindProblem(twice.RootElement)?.Field);
        Assert.Null(InteroperableJson.FindProblem(once.RootElement));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("id\u0001with-control")]
    [InlineData("")]
    public void AMessageIdOutsideItsGrammarIsRefused(string id)
    {
        var json = MessageSamples.Standard(m => m["header"]!["message_id"] = id);

        var result = MessageSamples.Parse(json);

        Assert.Contains("header.message_id", result.Rejection!.Errors.Select(e => e.Field));
    }

    [Fact]
    public void AMessageIdTooLongForItsGrammarIsRefused()
    {
        var result = MessageSamples.Parse(MessageSamples.Standard(m => m["header"]!["message_id"] = new string('a', 129)));

        Assert.Contains("header.message_id", result.Rejection!.Errors.Select(e => e.Field));
    }

    [Fact]
    public void AFlatTimestampSpelledDifferentlyIsTheSameMessage()
    {
        // 0 and -0 sign alike (RFC 8785 writes both as 0), so they must be one key: else a respelled replay would pass as new.
        var plain = MessageSamples.Parse("""{"device_id":"esp-1","timestamp":0,"heart_rate":72}""");
        var respelled = MessageSamples.Parse("""{"device_id":"esp-1","timestamp":-0,"heart_rate":72}""");

        Assert.Equal(plain.Value!.MessageKey, respelled.Value!.MessageKey);
        Assert.Equal(plain.Value.DeviceSequence, respelled.Value.DeviceSequence);
    }

    [Fact]
    public void BatchItemsAreCheckedOneByOne()
    {
        using var batch = JsonDocument.Parse("""[{"device_id":"esp-1","timestamp":1,"heart_rate":72},{"device_id":"esp-1","timestamp":2,"heart_rate":1e309}]""");
        var items = batch.RootElement.EnumerateArray().Select(item => DeviceMessageParser.Parse(item)).ToList();

        Assert.True(items[0].IsValid, items[0].Rejection?.Summary);
        Assert.Equal("heart_rate", Assert.Single(items[1].Rejection!.Errors).Field);
    }

    [Fact]
    public void AStatusWithALoneSurrogateOrNotAnObjectIsNotALastWill()
    {
        var bytes = new System.Buffers.ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("""{"status":"\ud800"}"""));
        Assert.False(LastWill.IsOffline(bytes));
        Assert.False(LastWill.IsOffline(new System.Buffers.ReadOnlySequence<byte>("[1]"u8.ToArray())));
    }
}
