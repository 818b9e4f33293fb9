using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using Fajma.Core.Messages;

namespace Fajma.Core.Tests;

/// <summary>
/// Whatever arrives — arbitrary bytes, arbitrary JSON numbers and strings (huge exponents, lone surrogates, escapes),
/// repeated members, deep nesting — the parsers answer with a parse result, never an exception; and whatever the
/// I-JSON check lets through canonicalizes (so a checksum or signature over it can always be computed).
/// </summary>
public sealed class ParserFuzzTests
{
    private static readonly string[] s_names =
    [
        "header", "payload", "signature", "message_id", "device_id", "timestamp", "patient_id", "message_type", "protocol_version",
        "checksum", "measurements", "type", "value", "unit", "quality", "systolic", "diastolic", "device_status", "battery_level",
        "heart_rate", "spo2", "temperature", "alert_type", "severity", "confidence", "status", "correlation_id", "x\\u005f",
    ];

    private static Gen<string> Pick(string[] choices) => Gen.Int[0, choices.Length - 1].Select(i => choices[i]);

    private static readonly Gen<string> s_number = Gen.OneOf(
        Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
        Gen.Select(Gen.Bool, Gen.Long[0, long.MaxValue], Gen.Int[-500, 500]).Select((negative, mantissa, exponent) =>
            $"{(negative ? "-" : "")}{mantissa}e{exponent}"),
        Gen.Select(Gen.Int[0, 9999], Gen.Int[0, 999_999]).Select((whole, fraction) => $"{whole}.{fraction}"),
        Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture)));

    private static readonly Gen<string> s_stringBody = Gen.OneOf(
        Gen.Char['a', 'z'].Array[0, 12].Select(c => new string(c)),
        Gen.Int[0, 0xFFFF].Select(c => $"\\u{c:x4}").Array[1, 4].Select(string.Concat),
        Gen.OneOf(Gen.Const("\\ud800"), Gen.Const("\\udfff"), Gen.Const("\\ud83d\\ude00"), Gen.Const("\\n\\\"\\\\"), Gen.Const("2024-01-15T10:30:00.000Z"),
            Gen.Const("VITAL_SIGNS"), Gen.Const("CRITICAL_ALERT"), Gen.Const("heart_rate"), Gen.Const("1.0"), Gen.Const("DEV-1")));

    private static readonly Gen<string> s_leaf = Gen.OneOf(s_number, s_stringBody.Select(s => $"\"{s}\""), Gen.Const("true"), Gen.Const("null"));

    private static Gen<string> Value(int depth) => depth <= 0 ? s_leaf : Gen.Frequency(
        (4, s_leaf),
        (2, Gen.Select(Pick(s_names), Value(depth - 1)).Array[0, 6].Select(members =>
            "{" + string.Join(',', members.Select(m => $"\"{m.Item1}\":{m.Item2}")) + "}")),
        (1, Value(depth - 1).Array[0, 4].Select(items => "[" + string.Join(',', items) + "]")));

    private static void ParsesWithoutThrowing(byte[] bytes)
    {
        foreach (var alertChannel in new[] { false, true })
        {
            var result = DeviceMessageParser.Parse(bytes, alertChannel);
            Assert.True(result.IsValid || result.Rejection.Errors.Count > 0);
        }
        LastWill.IsOffline(new System.Buffers.ReadOnlySequence<byte>(bytes));
    }

    [Fact]
    public void ArbitraryBytesGetAParseResult() =>
        Gen.Byte.Array[0, 300].Sample(ParsesWithoutThrowing, iter: 5000);

    [Fact]
    public void ArbitraryJsonOfMessageShapeGetsAParseResult() =>
        Value(5).Sample(json => ParsesWithoutThrowing(Encoding.UTF8.GetBytes(json)), iter: 5000);

    [Fact]
    public void WhateverTheInteroperabilityCheckAcceptsCanonicalizes() =>
        Value(5).Sample(json =>
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json);
            }
            catch (JsonException)
            {
                return; // not JSON at all: the parsers refuse it before the check
            }
            using (document)
            {
                if (InteroperableJson.FindProblem(document.RootElement) is null)
                    Assert.NotNull(CanonicalJson.Serialize(document.RootElement));
            }
        }, iter: 5000);

    [Fact]
    public void AHostileValueAnywhereInAValidMessageIsRefusedByItsPath() =>
        Gen.Select(Gen.Int[0, 7], Pick(["1e309", "-1e400", "\"\\ud800\"", "\"a\\udc00b\""])).Sample((leaf, hostile) =>
        {
            string[] targets = ["\"value\":72", "\"quality\":95", "\"battery_level\":85", "\"signal_strength\":-45", "\"patient_id\":12345",
                "\"systolic\":120", "\"diastolic\":80", "\"protocol_version\":\"1.0\""];
            var target = targets[leaf];
            var json = Encoding.UTF8.GetString(MessageSamples.Standard()).Replace(target, target[..(target.IndexOf(':') + 1)] + hostile, StringComparison.Ordinal);

            var result = MessageSamples.Parse(json);

            Assert.Equal(RejectionReason.Malformed, result.Rejection!.Reason);
            Assert.EndsWith(target[1..target.IndexOf('"', 1)], Assert.Single(result.Rejection.Errors).Field, StringComparison.Ordinal);
        }, iter: 200);
}
