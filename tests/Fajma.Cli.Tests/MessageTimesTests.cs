using Fajma.Cli.Bench;

namespace Fajma.Cli.Tests;

/// <summary>The send and receipt times a bench's processes write and the bench joins into latency.</summary>
public sealed class MessageTimesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fajma-times-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void AResendKeepsItsLastTimeAndAReceiptItsFirstAndBothMeetAcrossFiles()
    {
        var sent = new MessageTimes();
        var received = new MessageTimes();
        sent.Sent("esp32-1", "ts:100");
        var firstReceipt = received.Received("esp32-1", "ts:100");
        sent.Sent("esp32-1", "ts:100"); // a resend after a timeout
        var copy = received.Received("esp32-1", "ts:100"); // the same message's next observation, or another screen
        sent.Sent("esp32-2", "ts:100"); // another device's message with the same key
        sent.Write(Path.Combine(_directory, "sent"));
        received.Write(Path.Combine(_directory, "received"));

        var sends = MessageTimes.Read(Path.Combine(_directory, "sent"));
        var receipts = MessageTimes.Read(Path.Combine(_directory, "received"));

        Assert.True(firstReceipt);
        Assert.False(copy);
        Assert.Equal(2, sends.Count);
        var message = Assert.Single(receipts).Key;
        Assert.Equal("esp32-1", message.Device);
        Assert.True(sends[message] > receipts[message], "the resend's time, later than the first receipt, is the one kept");
        Assert.False(receipts.ContainsKey(sends.Keys.Single(k => k.Device == "esp32-2")));
    }
}
