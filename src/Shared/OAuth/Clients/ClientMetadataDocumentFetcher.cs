using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using CampaignMcp.Serialization;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.OAuth.Clients;

/// <summary>
/// Fetches and checks Client ID Metadata Documents (MCP authorization 2025-11-25 "Client ID Metadata Documents";
/// CIMD draft §4 and §6): one GET with <c>Accept: application/json</c>, no redirects followed, at most
/// <see cref="MaximumDocumentBytes"/> read and <see cref="FetchTimeout"/> in all. DNS is resolved here and
/// every address is checked before connecting (<see cref="PublicAddress"/>), so a name cannot point the server at
/// its own network (SSRF, CIMD §6.5); no proxy is used, as one would connect on our behalf unchecked. Documents are
/// cached as their Cache-Control says, within <see cref="MinimumCacheLifetime"/>..<see cref="MaximumCacheLifetime"/>.
/// </summary>
public sealed class ClientMetadataDocumentFetcher : IDisposable
{
    public const int MaximumDocumentBytes = 64 * 1024;
    public const int MaximumCachedDocuments = 1000;
    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultCacheLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MinimumCacheLifetime = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaximumCacheLifetime = TimeSpan.FromHours(24);

    private readonly HttpClient http;
    private readonly OAuthClientSettings settings;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<string, CachedDocument> cache = new(StringComparer.Ordinal);

    public ClientMetadataDocumentFetcher(OAuthClientSettings settings, TimeProvider time, ILogger<ClientMetadataDocumentFetcher> logger)
        : this(settings, time, logger, configureHandler: null)
    {
    }

    /// <param name="configureHandler">Tests only: trust the test server's self-signed certificate.</param>
    internal ClientMetadataDocumentFetcher(OAuthClientSettings settings, TimeProvider time, ILogger<ClientMetadataDocumentFetcher> logger, Action<SocketsHttpHandler>? configureHandler)
    {
        this.settings = settings;
        this.time = time;
        this.logger = logger;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxResponseHeadersLength = 16,
            ConnectTimeout = FetchTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = ConnectAsync,
        };
        configureHandler?.Invoke(handler);
        http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("campaign-mcp", "1.0"));
    }

    /// <summary>The client the document at <paramref name="url"/> describes, or why it cannot be used. <paramref name="url"/> is already checked by <see cref="ClientMetadataDocumentUrl"/>.</summary>
    public async Task<OAuthClientLookup> FindAsync(string clientId, Uri url, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (cache.TryGetValue(clientId, out var cached))
        {
            if (cached.ExpiresAt > now)
            {
                return new OAuthClientLookup.Found(cached.Client);
            }

            cache.TryRemove(new KeyValuePair<string, CachedDocument>(clientId, cached));
        }

        var (lookup, lifetime) = await FetchAsync(clientId, url, cancellationToken).ConfigureAwait(false);
        if (lookup is OAuthClientLookup.Found found)
        {
            ClientsLog.DocumentFetched(logger, clientId, (long)(lifetime?.TotalSeconds ?? 0));
            if (lifetime is { } keep)
            {
                Remember(clientId, new CachedDocument(found.Client, now + keep), now);
            }
        }
        else if (lookup is OAuthClientLookup.Refused refused)
        {
            ClientsLog.DocumentRefused(logger, clientId, refused.Message);
        }

        return lookup;
    }

    public void Dispose() => http.Dispose();

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

            var lookup = Interpret(clientId, url, body);
            return (lookup, lookup is OAuthClientLookup.Found ? CacheLifetime(response.Headers.CacheControl) : null);
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

    /// <summary>The checks of MCP authorization and CIMD §4.1: JSON, <c>client_id</c> equal to the URL, usable client metadata.</summary>
    private static OAuthClientLookup Interpret(string clientId, Uri url, byte[] body)
    {
        using var document = InteroperableJson.Parse(body, ClientMetadata.MaximumDepth, out var jsonProblem);
        if (document is null)
        {
            return new OAuthClientLookup.Refused($"The client's metadata document at {url.Host} {jsonProblem}.");
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new OAuthClientLookup.Refused($"The client's metadata document at {url.Host} is not a JSON object.");
        }

        if (!root.TryGetProperty("client_id", out var documentId) || documentId.ValueKind != JsonValueKind.String)
        {
            return new OAuthClientLookup.Refused($"The client's metadata document at {url.Host} has no client_id.");
        }

        // CIMD §4.1: compared as strings, exactly; the document cannot speak for another URL.
        if (!string.Equals(documentId.GetString(), clientId, StringComparison.Ordinal))
        {
            return new OAuthClientLookup.Refused($"The client's metadata document at {url.Host} names a different client_id than the address it was fetched from.");
        }

        if (ClientMetadata.Read(root, out var problem) is not { } metadata)
        {
            return new OAuthClientLookup.Refused($"The client's metadata document at {url.Host} cannot be used: {problem!.Message}");
        }

        return new OAuthClientLookup.Found(new OAuthClient(
            clientId,
            metadata.DisplayName(url.Host),
            metadata.RedirectUris,
            OAuthClientSource.MetadataDocument,
            metadata.ApplicationType,
            metadata.ClientUri,
            metadata.LogoUri));
    }

    /// <summary>RFC 9111 §5.2.2: no-store and no-cache mean no reuse without asking again; max-age within our bounds.</summary>
    private static TimeSpan? CacheLifetime(CacheControlHeaderValue? cacheControl)
    {
        if (cacheControl is { NoStore: true } or { NoCache: true })
        {
            return null;
        }

        var lifetime = cacheControl?.MaxAge ?? DefaultCacheLifetime;
        return lifetime < MinimumCacheLifetime ? MinimumCacheLifetime : lifetime > MaximumCacheLifetime ? MaximumCacheLifetime : lifetime;
    }

    private void Remember(string clientId, CachedDocument document, DateTimeOffset now)
    {
        if (cache.Count >= MaximumCachedDocuments)
        {
            foreach (var (key, entry) in cache)
            {
                if (entry.ExpiresAt <= now)
                {
                    cache.TryRemove(key, out _);
                }
            }

            if (cache.Count >= MaximumCachedDocuments)
            {
                return; // Full of live entries: serve this one uncached rather than let clients grow memory without bound.
            }
        }

        cache[clientId] = document;
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

    /// <summary>Resolves the host here and connects only to an address that passes <see cref="PublicAddress"/> (unless development allows private ones).</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(IsAllowed).ToArray();
        if (allowed.Length == 0)
        {
            throw new BlockedAddressException($"{host} has no public address");
        }

        SocketException? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);

                // Check the peer actually connected to, not only what DNS said.
                if (socket.RemoteEndPoint is not IPEndPoint peer || !IsAllowed(peer.Address))
                {
                    throw new BlockedAddressException($"{host} connected to a non-public address");
                }

                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                last = exception;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    private bool IsAllowed(IPAddress address) => settings.AllowPrivateClientMetadata || PublicAddress.Is(address);

    private static (OAuthClientLookup, TimeSpan?) Refuse(string message) => (new OAuthClientLookup.Refused(message), null);

    private static string TooLarge(string host) => $"The client's metadata document at {host} is larger than {MaximumDocumentBytes / 1024} KiB.";

    private sealed record CachedDocument(OAuthClient Client, DateTimeOffset ExpiresAt);
}
