namespace Fajma.Server.Platform;

/// <summary>
/// Response headers that keep the browser app from being framed, sniffed or made to load foreign
/// code. The interactive API docs (<c>/docs</c>) load their own scripts and get no CSP.
/// </summary>
public static class SecurityHeaders
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; " +
        "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "geolocation=(), payment=(), usb=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (!context.Request.Path.StartsWithSegments("/docs")) headers.ContentSecurityPolicy = ContentSecurityPolicy;
            if (context.Request.Path.StartsWithSegments("/api")) headers.CacheControl = "no-store"; // patient data never sits in a shared cache
            return next();
        });
        return app;
    }
}
