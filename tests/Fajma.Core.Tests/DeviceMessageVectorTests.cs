using System.Text;
using System.Text.Json;
using Fajma.Core.Messages;
using Fajma.Core.Wire;

namespace Fajma.Core.Tests;

/// <summary>The vectors the ESP32 core is tested against are exactly what the server builds and accepts today.</summary>
public sealed class DeviceMessageVectorTests
{
    private static readonly Lazy<JsonDocument> s_file = new(() => JsonDocument.Parse(File.ReadAllBytes(DeviceMessageVectors.FilePath())));

    private static JsonElement Vectors => s_file.Value.RootElement;

    [Fact]
    public void TheCheckedInVectorFileIsWhatTheServersRulesProduce()
    {
        var generated = DeviceMessageVectors.Generate();
        if (Environment.GetEnvironmentVariable("FAJMA_WRITE_VECTORS") == "1") File.WriteAllText(DeviceMessageVectors.FilePath(), generated);

        Assert.Equal(generated, File.ReadAllText(DeviceMessageVectors.FilePath()));
    }

    [Fact]
    public void EveryVectorMessageIsAcceptedByTheParserAndItsSignatureVerifies()
    {
        var secret = DeviceSecretText.TryDecode(Vectors.GetProperty("secret").GetString())!;
        var messages = new[] { "standard", "flat", "alerts" }.SelectMany(kind => Vectors.GetProperty(kind).EnumerateArray().Select(v => (kind, v))).ToList();

        Assert.Equal(9, messages.Count);
        foreach (var (kind, vector) in messages)
        {
            var result = DeviceMessageParser.Parse(Encoding.UTF8.GetBytes(vector.GetProperty("message").GetString()!), alertChannel: kind == "alerts");
            Assert.True(result.IsValid, $"{kind} {vector.GetProperty("message")}: {result.Rejection?.Summary}");
            Assert.Equal(vector.GetProperty("signed_bytes").GetString(), Encoding.UTF8.GetString(result.Value!.SignedBytes.Span));
            Assert.True(MessageSignature.Verify(secret, result.Value.SignedBytes.Span, result.Value.Signature));
        }
    }

    [Fact]
    public void TheVectorsCoverTheNumbersWherePrintfAndECMAScriptDisagree()
    {
        var canonical = Vectors.GetProperty("numbers").EnumerateArray().ToDictionary(n => n.GetProperty("json").GetString()!, n => n.GetProperty("canonical").GetString());

        Assert.Equal("1e+21", canonical["1e21"]);
        Assert.Equal("1e-7", canonical["1e-7"]);
        Assert.Equal("0", canonical["-0"]);
        Assert.Equal("123456789012345680000", canonical["123456789012345680000"]);
        Assert.Equal("9007199254740992", canonical["9007199254740993"]);
    }
}
