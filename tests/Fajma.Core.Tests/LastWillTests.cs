using System.Buffers;
using System.Text;
using Fajma.Core.Messages;

namespace Fajma.Core.Tests;

public sealed class LastWillTests
{
    private static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void TheSdksWillReadsAsOfflineAndNothingElseDoes()
    {
        Assert.True(LastWill.IsOffline(Bytes(LastWill.OfflinePayload)));
        Assert.False(LastWill.IsOffline(Bytes("""{"status":"online"}""")));
        Assert.False(LastWill.IsOffline(Bytes("""{"device_id":"ESP32-1","heart_rate":72}""")));
        Assert.False(LastWill.IsOffline(Bytes("offline")));
        Assert.False(LastWill.IsOffline(Bytes("")));
    }
}
