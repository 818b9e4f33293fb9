using Fajma.Devices.Outbox;
using Fajma.Devices.Transport;

namespace Fajma.Devices.Tests.Outbox;

public sealed class PublishRefusalTests
{
    [Theory]
    [InlineData("400")]
    [InlineData("413")]
    [InlineData("422")]
    [InlineData("PayloadFormatInvalid")]
    [InlineData("ImplementationSpecificError")]
    [InlineData("TopicNameInvalid")]
    public void ARefusalOfTheMessagesContentIsMessageSpecific(string code) =>
        Assert.True(PublishRefusal.IsMessageSpecific(new PublishResult(false, code, null)));

    [Theory]
    [InlineData("401")]
    [InlineData("403")]
    [InlineData("408")]
    [InlineData("429")]
    [InlineData("500")]
    [InlineData("503")]
    [InlineData("NotAuthorized")]
    [InlineData("QuotaExceeded")]
    [InlineData("UnspecifiedError")]
    public void ARefusalOfTheDeviceOrAPassingOneIsNot(string code) =>
        Assert.False(PublishRefusal.IsMessageSpecific(new PublishResult(false, code, null)));

    [Fact]
    public void AnAcceptedMessageIsNeverARefusal() =>
        Assert.False(PublishRefusal.IsMessageSpecific(new PublishResult(true, "400", null)));
}
