using Fajma.Server.Paging.Deliveries;
using Fajma.Server.Paging.Gateway;
using Fajma.Server.Paging.Mail;
using Fajma.Server.Paging.Push;
using Fajma.Server.Storage;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Paging;

public static class PagingExtensions
{
    /// <summary>The channels that reach people outside the browser: e-mail (SMTP), Web Push and the SMS/voice gateway, with their receipts.</summary>
    public static IHostApplicationBuilder AddPaging(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MailOptions>().Bind(builder.Configuration.GetSection("Mail")).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.Configure<PagingOptions>(builder.Configuration.GetSection("Paging"));
        builder.Services.AddSingleton<IMailer, SmtpMailer>();
        builder.Services.AddSingleton(sp => VapidKeys.Load(sp.GetRequiredService<IOptions<PagingOptions>>().Value.Push,
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory));
        // Push services and the gateway answer in seconds or not at all; a page must not hang on one.
        builder.Services.AddHttpClient(nameof(WebPushSender), c => c.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddHttpClient(nameof(GatewaySender), c => c.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<WebPushSender>();
        builder.Services.AddSingleton<GatewaySender>();
        builder.Services.AddSingleton<ReceiptTokens>();
        builder.Services.AddSingleton<PublicAddress>();
        builder.Services.AddSingleton<PageDeliveries>();
        builder.Services.AddSingleton<PagePlanner>();
        builder.Services.AddSingleton<PageSender>();
        builder.Services.AddSingleton<PersonPush>();
        builder.Services.AddSingleton<Pager>();
        if (!Platform.BuildTimeDocument.IsGenerating) builder.Services.AddHostedService(sp => sp.GetRequiredService<Pager>());
        return builder;
    }

    public static IEndpointRouteBuilder MapPaging(this IEndpointRouteBuilder app)
    {
        app.MapPushEndpoints();
        app.MapPagingEndpoints();
        return app;
    }
}
