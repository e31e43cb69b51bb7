using System.Security.Cryptography;
using CampaignMcp.Configuration;
using CampaignMcp.Hosting;
using CampaignMcp.Http;
using CampaignMcp.LocalHost.SignalRService;

namespace CampaignMcp.LocalHost;

/// <summary>
/// Serves the Functions app's endpoints on Kestrel from the same table its function classes follow
/// (<see cref="CampaignMcpEndpoints"/>), with the same <c>AddCampaignMcp</c> services: the whole app
/// with no Azure and no Core Tools.
/// </summary>
public static class LocalServer
{
    public static WebApplication Build(LocalServerOptions options)
    {
        // The slim builder leaves out what this host does not use (hosting startup assemblies, the EventLog, EventSource and
        // Debug log providers, regex route constraints, static web assets), all of it work at every cold start.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [.. options.Args],
            ContentRootPath = AppContext.BaseDirectory,
            // ASP.NET's own environment; the app's production/development is decided by DeploymentSettings.
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environments.Development,
        });

        var repositoryRoot = LocalSettingsFile.FindRepositoryRoot(Directory.GetCurrentDirectory())
            ?? LocalSettingsFile.FindRepositoryRoot(AppContext.BaseDirectory);
        var url = options.Url ?? builder.Configuration["urls"] ?? LocalServerOptions.DefaultUrl;
        var sources = builder.Configuration.Sources;
        if (options.ReadMachineSettings)
        {
            // Lowest priority first: local.settings.json Values, then the environment and command line.
            var localSettings = repositoryRoot is null ? null : Path.Combine(repositoryRoot, "src", "Functions", "local.settings.json");
            if (localSettings is not null)
            {
                sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = LocalSettingsFile.ReadValues(localSettings) });
            }
        }
        else
        {
            sources.Clear();
        }

        builder.Configuration.AddInMemoryCollection(options.Settings);
        if (string.IsNullOrWhiteSpace(builder.Configuration[SettingNames.PublicUrl]) && string.IsNullOrWhiteSpace(builder.Configuration[SettingNames.WebsiteHostname]))
        {
            builder.Configuration[SettingNames.PublicUrl] = url.Split(';')[0];
        }

        var listenUrl = url.Split(';')[0].TrimEnd('/');
        if (string.IsNullOrWhiteSpace(builder.Configuration[SettingNames.LocalFunctionKey]))
        {
            // Never served open: without a configured key, one of this process's own, known to its stand-in only.
            builder.Configuration[SettingNames.LocalFunctionKey] = FunctionKey.Generate();
        }

        var functionKey = builder.Configuration[SettingNames.LocalFunctionKey]!.Trim();
        LocalSignalRServiceOptions? standIn = null;
        if (string.IsNullOrWhiteSpace(builder.Configuration[SettingNames.AzureSignalRConnectionString])
            && string.IsNullOrWhiteSpace(builder.Configuration[$"{SettingNames.AzureSignalRConnectionString}:{SignalR.SignalRSettingsSource.ServiceUriPart}"]))
        {
            // No real service configured: serve the stand-in. As the Bicep does for Azure SignalR Service, the function
            // key rides in the upstream URL template.
            standIn = new LocalSignalRServiceOptions(LocalSignalRServiceOptions.DefaultPathBase, $"{listenUrl}/{Routes.SignalRUpstream}?{FunctionKey.QueryParameter}={Uri.EscapeDataString(functionKey)}");
            var standInEndpoint = listenUrl + LocalSignalRServiceOptions.DefaultPathBase;
            switch (builder.Configuration[SettingNames.SignalRLocalAuth]?.Trim().ToLowerInvariant())
            {
                case null or "" or "access_key":
                    // Keyed with a fresh AccessKey for this process.
                    var accessKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                    builder.Configuration[SettingNames.AzureSignalRConnectionString] = $"Endpoint={standInEndpoint};AccessKey={accessKey};Version=1.0;";
                    break;
                case "entra":
                    // Local auth disabled, as the Bicep deploys the service: the app's managed identity (through a local
                    // stand-in for Entra ID) buys temporary keys, and upstream calls carry the service's identity token.
                    var entra = new LocalEntra(listenUrl);
                    var audience = builder.Configuration[SettingNames.SignalRUpstreamAudience] is { Length: > 0 } configured ? configured : $"api://campaign-mcp-upstream-{entra.TenantId}";
                    builder.Configuration[SettingNames.AzureSignalRConnectionString] = $"Endpoint={standInEndpoint};AuthType=azure.msi;ClientId={entra.AppClientId};Version=1.0;";
                    builder.Configuration[SettingNames.SignalRUpstreamAudience] = audience;
                    builder.Configuration[SettingNames.SignalRUpstreamIssuer] = entra.Issuer;
                    builder.Configuration[SettingNames.SignalRUpstreamKeysUrl] = entra.KeysUrl.AbsoluteUri;
                    standIn = standIn with { Entra = entra, AppServerClientIds = new HashSet<string>(StringComparer.Ordinal) { entra.AppClientId }, UpstreamAudience = audience };
                    break;
                default:
                    throw new InvalidOperationException($"{SettingNames.SignalRLocalAuth} takes access_key (the default) or entra");
            }

            builder.Configuration[SettingNames.SignalRLocalStandIn] = "true";
            builder.Services.AddLocalSignalRService(standIn);
        }

        builder.WebHost.UseUrls(url);
        // The slim builder configures no HTTPS endpoints by itself; an https:// URL must keep working.
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddCampaignMcp(builder.Configuration);
        // The timer function's purge, on the same schedule (no timer triggers without the Functions host).
        builder.Services.AddHostedService<Storage.Purge.ExpiredStatePurgeService>();
        options.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        var hostJson = repositoryRoot is not null && File.Exists(Path.Combine(repositoryRoot, "host.json"))
            ? Path.Combine(repositoryRoot, "host.json")
            : Path.Combine(AppContext.BaseDirectory, "host.json");
        var routePrefix = HostJson.RoutePrefix(hostJson);
        var routes = app.MapCampaignMcp(routePrefix, new FunctionKey(functionKey));
        if (standIn is not null)
        {
            app.MapLocalSignalRService(standIn);
        }

        if (options.PrintBanner)
        {
            app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app, routes, routePrefix));
        }

        return app;
    }
}
