using System.Net;
using Fajma.Server.Ingestion.Mqtt;

namespace Fajma.Server.Tests;

/// <summary>The count of connections waiting to sign in on its own: what one sender is, and places given back exactly once.</summary>
public sealed class MqttPendingConnectionsTests
{
    private static MqttPendingConnections.Lease? Admit(MqttPendingConnections pending, string address) =>
        pending.TryAdmit(IPAddress.Parse(address), out _, out _);

    private static MqttFramingRefusal Refusal(MqttPendingConnections pending, string address)
    {
        Assert.Null(pending.TryAdmit(IPAddress.Parse(address), out var refusal, out _));
        return refusal;
    }

    [Fact]
    public void AnIpv6SenderIsItsSlash64WhateverInterfaceIdsItPicks()
    {
        var pending = new MqttPendingConnections(perAddress: 2, total: 100);
        Assert.NotNull(Admit(pending, "2001:db8:1:2::1"));
        Assert.NotNull(Admit(pending, "2001:db8:1:2:ffff:ffff:ffff:fffe"));

        Assert.Equal(MqttFramingRefusal.TooManyPendingFromAddress, Refusal(pending, "2001:db8:1:2:dead:beef::1"));
        Assert.NotNull(Admit(pending, "2001:db8:1:3::1")); // the next /64 is someone else
        Assert.NotNull(Admit(pending, "192.0.2.1"));
    }

    [Fact]
    public void APlaceIsGivenBackOnceHoweverOftenItsLeaseIsDisposed()
    {
        var pending = new MqttPendingConnections(perAddress: 1, total: 2);
        var first = Admit(pending, "192.0.2.1")!;
        Assert.Equal(MqttFramingRefusal.TooManyPendingFromAddress, Refusal(pending, "192.0.2.1"));

        first.Dispose();
        first.Dispose(); // signed in, then closed: one place back, not two
        Assert.NotNull(Admit(pending, "192.0.2.1"));
        Assert.NotNull(Admit(pending, "192.0.2.2"));

        Assert.Equal(MqttFramingRefusal.TooManyPending, Refusal(pending, "192.0.2.3"));
    }
}
