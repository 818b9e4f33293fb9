using Fajma.Server.Paging;
using Fajma.Server.Paging.Push;

namespace Fajma.Server.Tests.Paging;

/// <summary>The server posts only to browsers' push services: anything else a subscription names would be a request forgery.</summary>
public sealed class PushEndpointPolicyTests
{
    [Theory]
    [InlineData("https://fcm.googleapis.com/fcm/send/abc", false, true)]
    [InlineData("https://updates.push.services.mozilla.com/wpush/v2/abc", false, true)]
    [InlineData("https://wns2-par02p.notify.windows.com/w/?token=abc", false, true)]
    [InlineData("https://web.push.apple.com/QGx", false, true)]
    [InlineData("https://push.services.mozilla.com/x", false, false)] // ".push.services.mozilla.com" means a subdomain
    [InlineData("https://fcm.googleapis.com:8443/x", false, false)]
    [InlineData("http://fcm.googleapis.com/x", false, false)]
    [InlineData("https://user:pw@fcm.googleapis.com/x", false, false)]
    [InlineData("https://fcm.googleapis.com.attacker.example/x", false, false)]
    [InlineData("https://10.0.0.5/x", false, false)]
    [InlineData("http://127.0.0.1:9000/push/x", false, false)]
    [InlineData("http://127.0.0.1:9000/push/x", true, true)] // fajma demo's local push service
    [InlineData("http://localhost:9000/push/x", true, false)]
    [InlineData("http://[::1]:9000/push/x", true, false)]
    [InlineData("file:///etc/passwd", true, false)]
    [InlineData("not a url", false, false)]
    public void OnlyABrowserPushServiceIsAllowed(string endpoint, bool allowLoopback, bool allowed) =>
        Assert.Equal(allowed, PushEndpointPolicy.Refusal(endpoint, new PushOptions { AllowLoopback = allowLoopback }) is null);
}
