using System.Text.Json;
using Fajma.Core.Messages;

namespace Fajma.Core.Tests;

public sealed class CanonicalJsonTests
{
    [Fact]
    public void MembersAreSortedAndWhitespaceRemovedAtEveryLevel()
    {
        using var doc = JsonDocument.Parse("""{ "b": 1, "a": { "z": [3, 2], "m": "x" } }""");
        Assert.Equal("""{"a":{"m":"x","z":[3,2]},"b":1}""", CanonicalJson.Serialize(doc.RootElement));
    }

    [Fact]
    public void NamesSortByUtf16CodeUnitsWhateverTheirScriptOrEscapes()
    {
        // RFC 8785 §3.2.3's sorting example: an emoji (a surrogate pair) sorts before U+FB33, unlike in UTF-8 byte order.
        using var doc = JsonDocument.Parse("""
            {"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One",
             "\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}
            """);
        Assert.Equal("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"ö\":\"Latin Small Letter O With Diaeresis\"," +
            "\"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}",
            CanonicalJson.Serialize(doc.RootElement));
    }

    [Fact]
    public void TheSignatureIsLeftOutAtTheTopOnlyAndTextIsKeptAsWritten()
    {
        using var doc = JsonDocument.Parse("""{"signature":"x","b":{"signature":1},"a":"é ☃ \u00e9","c":[true,false,null,-1.5e-7]}""");
        Assert.Equal("""{"a":"é ☃ é","b":{"signature":1},"c":[true,false,null,-1.5e-7]}""", CanonicalJson.Serialize(doc.RootElement, "signature"));
    }

    [Theory]
    [InlineData("72.0", "72")]
    [InlineData("36.60", "36.6")]
    [InlineData("1E2", "100")]
    [InlineData("-0", "0")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("1e-7", "1e-7")]
    [InlineData("1e21", "1e+21")]
    [InlineData("123456789012345680000", "123456789012345680000")]
    public void NumbersUseTheShortestEcmaScriptForm(string written, string canonical)
    {
        using var doc = JsonDocument.Parse(written);
        Assert.Equal(canonical, CanonicalJson.Serialize(doc.RootElement));
    }

    [Fact]
    public void StringsKeepUnicodeAndEscapeOnlyWhatJsonRequires()
    {
        using var doc = JsonDocument.Parse("\"°C \\u00e9 \\\" \\\\ \\n \\u0001 <>\"");
        Assert.Equal("\"°C é \\\" \\\\ \\n \\u0001 <>\"", CanonicalJson.Serialize(doc.RootElement));
    }

    [Fact]
    public void SameValueWrittenDifferentlyHasTheSameChecksum()
    {
        using var a = JsonDocument.Parse("""{"measurements":[{"type":"heart_rate","value":72,"unit":"bpm"}]}""");
        using var b = JsonDocument.Parse("""{ "measurements" : [ { "unit":"bpm", "value":72.0, "type":"heart_rate" } ] }""");
        Assert.Equal(PayloadChecksum.Compute(a.RootElement), PayloadChecksum.Compute(b.RootElement));
    }

    [Fact]
    public void ChecksumIsSha256OfTheCanonicalBytes()
    {
        using var doc = JsonDocument.Parse("""{"b":2,"a":1}""");
        // sha256 of the 13 bytes {"a":1,"b":2}, computed independently (sha256sum).
        Assert.Equal("sha256:43258cff783fe7036d8a43033f830adfc60ec037382473548ac742b888292777", PayloadChecksum.Compute(doc.RootElement));
    }
}
