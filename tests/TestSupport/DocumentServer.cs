using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.TestSupport;

/// <summary>
/// A real HTTPS server on loopback (Kestrel, self-signed certificate for localhost and 127.0.0.1) that serves
/// whatever each test puts at a path, and counts the requests each path receives.
/// </summary>
public sealed class DocumentServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> hits = new(StringComparer.Ordinal);

    /// <summary>One certificate for every server in the run: making a key is the slow part of starting one.</summary>
    private static readonly Lazy<X509Certificate2> SharedCertificate = new(CreateCertificate);

    private DocumentServer(WebApplication app, X509Certificate2 certificate, int port)
    {
        this.app = app;
        Certificate = certificate;
        Port = port;
    }

    public X509Certificate2 Certificate { get; }

    public int Port { get; }

    /// <summary>The URL of <paramref name="path"/> on the name <c>localhost</c> (resolved by the fetcher's own DNS step).</summary>
    public string Url(string path) => $"https://localhost:{Port}{path}";

    public int Hits(string path) => hits.GetValueOrDefault(path);

    public void Serve(string path, Func<HttpContext, Task> handler) => routes[path] = handler;

    public void ServeJson(string path, string json, string? cacheControl = null, string contentType = "application/json") =>
        Serve(path, async context =>
        {
            context.Response.ContentType = contentType;
            if (cacheControl is not null)
            {
                context.Response.Headers.CacheControl = cacheControl;
            }

            await context.Response.WriteAsync(json, context.RequestAborted);
        });

    /// <summary>A minimal valid document for <paramref name="path"/>, with extra members spliced in (a <c>client_name</c> among them replaces the document's own: a name twice is refused).</summary>
    public string Document(string path, string extra = "") =>
        $$"""{"client_id":"{{Url(path)}}",{{(extra.Contains("\"client_name\"", StringComparison.Ordinal) ? "" : "\"client_name\":\"Test Client\",")}}"redirect_uris":["http://127.0.0.1:3000/callback"]{{extra}}}""";

    public static async Task<DocumentServer> StartAsync()
    {
        var certificate = SharedCertificate.Value;
        var port = RunningHost.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var server = new DocumentServer(app, certificate, port);
        app.Run(async context =>
        {
            var path = context.Request.Path.Value ?? "/";
            server.hits.AddOrUpdate(path, 1, (_, count) => count + 1);
            if (server.routes.TryGetValue(path, out var handler))
            {
                await handler(context);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        });
        await app.StartAsync();
        return server;
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
