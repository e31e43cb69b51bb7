using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.OAuth.Clients;

/// <summary>
/// Fetches and checks Client ID Metadata Documents (MCP authorization 2025-11-25 "Client ID Metadata Documents";
/// CIMD draft §4 and §6): one GET with <c>Accept: application/json</c>, no redirects followed, at most
/// <see cref="MaximumDocumentBytes"/> read and <see cref="FetchTimeout"/> in all. Connections go only to public
/// addresses (<see cref="PublicAddressConnector"/>); no proxy is used, as one would connect on our behalf unchecked.
/// What a document must say is <see cref="ClientMetadataDocumentReader"/>'s; how long it is kept,
/// <see cref="ClientMetadataDocumentCache"/>'s.
/// </summary>
public sealed class ClientMetadataDocumentFetcher : IDisposable
{
    public const int MaximumDocumentBytes = 64 * 1024;
    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(5);

    private readonly HttpClient http;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly ClientMetadataDocumentCache cache;

    public ClientMetadataDocumentFetcher(OAuthClientSettings settings, TimeProvider time, ILogger<ClientMetadataDocumentFetcher> logger)
        : this(settings, time, logger, configureHandler: null)
    {
    }

    /// <param name="configureHandler">Tests only: trust the test server's self-signed certificate.</param>
    internal ClientMetadataDocumentFetcher(OAuthClientSettings settings, TimeProvider time, ILogger<ClientMetadataDocumentFetcher> logger, Action<SocketsHttpHandler>? configureHandler)
    {
        this.time = time;
        this.logger = logger;
        cache = new ClientMetadataDocumentCache(time);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxResponseHeadersLength = 16,
            ConnectTimeout = FetchTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = new PublicAddressConnector(settings.AllowPrivateClientMetadata).ConnectAsync,
        };
        configureHandler?.Invoke(handler);
        http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("campaign-mcp", "1.0"));
    }

    /// <summary>The client the document at <paramref name="url"/> describes, or why it cannot be used. <paramref name="url"/> is already checked by <see cref="ClientMetadataDocumentUrl"/>.</summary>
    public async Task<OAuthClientLookup> FindAsync(string clientId, Uri url, CancellationToken cancellationToken)
    {
        if (cache.TryGet(clientId, out var cached))
        {
            return new OAuthClientLookup.Found(cached);
        }

        var (lookup, lifetime) = await FetchAsync(clientId, url, cancellationToken).ConfigureAwait(false);
        if (lookup is OAuthClientLookup.Found found)
        {
            ClientsLog.DocumentFetched(logger, clientId, (long)(lifetime?.TotalSeconds ?? 0));
            if (lifetime is { } keep)
            {
                cache.Remember(found.Client, keep);
            }
        }
        else if (lookup is OAuthClientLookup.Refused refused)
        {
            ClientsLog.DocumentRefused(logger, clientId, refused.Message);
        }

        return lookup;
    }

    public void Dispose()
    {
        http.Dispose();
        cache.Dispose();
    }

    private async Task<(OAuthClientLookup Lookup, TimeSpan? CacheFor)> FetchAsync(string clientId, Uri url, CancellationToken cancellationToken)
    {
        var host = url.Host;
        using var timeout = new CancellationTokenSource(FetchTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
            {
                return Refuse($"The client's metadata document at {host} answered with a redirect (HTTP {status}); metadata documents must be served directly.");
            }

            if (!response.IsSuccessStatusCode)
            {
                return Refuse($"The client's metadata document at {host} could not be fetched (HTTP {status}).");
            }

            if (response.Content.Headers.ContentLength > MaximumDocumentBytes)
            {
                return Refuse(TooLarge(host));
            }

            var body = await ReadBoundedAsync(response.Content, linked.Token).ConfigureAwait(false);
            if (body is null)
            {
                return Refuse(TooLarge(host));
            }

            var lookup = ClientMetadataDocumentReader.Read(clientId, url, body);
            return (lookup, lookup is OAuthClientLookup.Found ? ClientMetadataDocumentCache.LifetimeOf(response.Headers.CacheControl) : null);
        }
        // Our 5-second budget, or the handler's own connect timeout: either way the caller did not cancel.
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Refuse($"The client's metadata document at {host} did not arrive within {FetchTimeout.TotalSeconds:0} seconds.");
        }
        catch (HttpRequestException exception) when (exception.InnerException is BlockedAddressException)
        {
            return Refuse($"The client's metadata document is on {host}, which resolves to a private, loopback or otherwise non-public address; this server fetches documents only from the public internet.");
        }
        catch (HttpRequestException exception) when (exception.InnerException is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData })
        {
            return Refuse($"The client's metadata document host {host} does not exist (DNS lookup failed).");
        }
        catch (HttpRequestException)
        {
            return Refuse($"The client's metadata document at {host} could not be reached (connection or TLS failure).");
        }
        catch (IOException)
        {
            return Refuse($"The client's metadata document at {host} could not be read (the connection broke).");
        }
    }

    /// <summary>The body, or null past <see cref="MaximumDocumentBytes"/>: stops reading there, whatever Content-Length said.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaximumDocumentBytes + 1];
            var length = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length > MaximumDocumentBytes)
                {
                    return null;
                }
            }

            return buffer[..length];
        }
    }

    private static (OAuthClientLookup, TimeSpan?) Refuse(string message) => (new OAuthClientLookup.Refused(message), null);

    private static string TooLarge(string host) => $"The client's metadata document at {host} is larger than {MaximumDocumentBytes / 1024} KiB.";
}
