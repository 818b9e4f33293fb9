using Fajma.Server.Paging.Mail;

namespace Fajma.Server.Paging;

public static class PagingExtensions
{
    /// <summary>The channels that reach people outside the browser: e-mail (SMTP), Web Push and the SMS/voice gateway.</summary>
    public static IHostApplicationBuilder AddPaging(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MailOptions>().Bind(builder.Configuration.GetSection("Mail")).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IMailer, SmtpMailer>();
        return builder;
    }
}
