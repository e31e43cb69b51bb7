using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using CampaignMcp.Serialization;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.Tokens;

/// <summary>What a verified access token says, as this server reads it.</summary>
/// <remarks><c>ClientEntry</c>, <c>Subject</c> and <c>Name</c>: see <see cref="TokenIssuer.ClientEntryClaim"/>.</remarks>
internal readonly record struct AccessTokenClaims(string ClientId, ScopeSet Scopes, string? TokenId, string? GrantId, DateTimeOffset ExpiresAt, DateTimeOffset? NotBefore, string? ClientEntry = null, string? Subject = null, string? Name = null);

/// <summary>
/// Verifies a compact JWS access token (RFC 7515 §7.1) the way this server issues it and reads its claims, in one pass
/// over stack buffers. It replaces IdentityModel's generic validation on the per-invocation path (first-seen tokens
/// at library speed or better: docs/benchmarks.md), for the one token shape this server accepts:
/// <list type="number">
/// <item>the header is decoded and read first, because it names the algorithm and key: a JSON object without duplicate
/// member names (RFC 7515 §5.2 step 4) and without <c>crit</c> (this server understands no extension, §4.1.11);
/// <c>alg</c> must be exactly <c>HS256</c> (RFC 8725 §3.1: the algorithm is pinned, never taken from the token);
/// the <c>kid</c> selects one of this server's keys and no other is tried;</item>
/// <item>the signature is checked before anything reads the claims, so the claims parser only ever sees bytes this
/// server signed;</item>
/// <item><c>typ</c> must be <c>at+jwt</c> (RFC 9068 §4, RFC 8725 §3.11); the claims set is a JSON object without
/// duplicate members, <c>aud</c> (a string or an array of strings) names this server, <c>iss</c> is this server exactly,
/// <c>exp</c> and <c>client_id</c> are present, <c>scope</c> is a string (RFC 9068 §2.2.3).</item>
/// </list>
/// Lifetime, the allowed clients and revocation are the caller's (<see cref="AccessTokenValidator"/>). The outcomes,
/// reasons included, are the ones the IdentityModel-based validator gave, and nothing <c>JsonWebTokenHandler</c> refuses
/// is accepted: registered members it reads with a type must have it here too (<c>cty</c>, <c>zip</c>, <c>x5t</c>,
/// <c>sub</c> and <c>azp</c> strings, <c>iat</c> a number), and a NumericDate past the 64-bit range is refused. The
/// security tests hold the reader to both, the second by a differential fuzz run against the library.
/// </summary>
internal static class AccessTokenReader
{
    // The names and values TokenIssuer writes, as the reader compares them (unescaped UTF-8).
    private static readonly byte[] Hs256 = Encoding.UTF8.GetBytes(SecurityAlgorithms.HmacSha256);
    private static readonly byte[] AccessTokenType = Encoding.UTF8.GetBytes(TokenIssuer.TokenType);
    private static readonly byte[] ClientIdName = Encoding.UTF8.GetBytes(TokenIssuer.ClientIdClaim);
    private static readonly byte[] ScopeName = Encoding.UTF8.GetBytes(TokenIssuer.ScopeClaim);
    private static readonly byte[] GrantIdName = Encoding.UTF8.GetBytes(TokenIssuer.GrantIdClaim);
    private static readonly byte[] ClientEntryName = Encoding.UTF8.GetBytes(TokenIssuer.ClientEntryClaim);
    private static readonly byte[] NameName = Encoding.UTF8.GetBytes(TokenIssuer.NameClaim);
    private const int MaximumMembers = 32;
    private const int StackBytes = 1024;
    private const int MaximumKeyIdBytes = 256;
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16 };

    /// <summary>Expects a token that passed <see cref="AccessTokenShape.HasTokenCharacters"/> and the length cap.</summary>
    public static TokenFailure Read(string token, HmacKeyRing keys, ReadOnlySpan<byte> issuer, ReadOnlySpan<byte> audience, out AccessTokenClaims claims)
    {
        claims = default;
        var text = token.AsSpan();
        var firstDot = text.IndexOf('.');
        var lastDot = text.LastIndexOf('.');
        var headerSegment = text[..firstDot];
        var payloadSegment = text[(firstDot + 1)..lastDot];
        var signatureSegment = text[(lastDot + 1)..];

        // 1. The header: algorithm, key and type.
        byte[]? rentedHeader = null;
        var headerBuffer = Base64Url.GetMaxDecodedLength(headerSegment.Length) <= StackBytes
            ? stackalloc byte[StackBytes]
            : (rentedHeader = ArrayPool<byte>.Shared.Rent(Base64Url.GetMaxDecodedLength(headerSegment.Length)));
        Span<byte> keyId = stackalloc byte[MaximumKeyIdBytes];
        HeaderFields header;
        try
        {
            if (!TryDecode(headerSegment, headerBuffer, out var headerJson) || !TryReadHeader(headerJson, keyId, out header))
            {
                return TokenFailure.Malformed;
            }
        }
        finally
        {
            Return(rentedHeader);
        }

        if (!header.Hs256)
        {
            return TokenFailure.UnsupportedAlgorithm;
        }

        var key = header.KeyIdLength < 0 ? -1 : keys.Find(keyId[..header.KeyIdLength]);
        if (key < 0)
        {
            return TokenFailure.UnknownKey;
        }

        // 2. The signature, over the ASCII of "header.payload", before anything reads the claims.
        Span<byte> signature = stackalloc byte[HmacKeyRing.SignatureBytes + 3];
        if (Base64Url.DecodeFromChars(signatureSegment, signature, out _, out var signatureLength) != OperationStatus.Done)
        {
            return TokenFailure.BadSignature;
        }

        byte[]? rentedInput = null;
        var inputBuffer = lastDot <= StackBytes ? stackalloc byte[StackBytes] : (rentedInput = ArrayPool<byte>.Shared.Rent(lastDot));
        try
        {
            Ascii.FromUtf16(text[..lastDot], inputBuffer, out var inputLength);
            if (!keys.Verify(key, inputBuffer[..inputLength], signature[..signatureLength]))
            {
                return TokenFailure.BadSignature;
            }
        }
        finally
        {
            Return(rentedInput);
        }

        if (!header.AccessTokenType)
        {
            return TokenFailure.WrongType;
        }

        // 3. The claims, signed by this server.
        byte[]? rentedPayload = null;
        var payloadBuffer = Base64Url.GetMaxDecodedLength(payloadSegment.Length) <= StackBytes
            ? stackalloc byte[StackBytes]
            : (rentedPayload = ArrayPool<byte>.Shared.Rent(Base64Url.GetMaxDecodedLength(payloadSegment.Length)));
        try
        {
            return TryDecode(payloadSegment, payloadBuffer, out var payloadJson)
                ? ReadClaims(payloadJson, issuer, audience, out claims)
                : TokenFailure.Malformed;
        }
        finally
        {
            Return(rentedPayload);
        }
    }

    private readonly record struct HeaderFields(bool Hs256, bool AccessTokenType, int KeyIdLength);

    private static bool TryReadHeader(ReadOnlySpan<byte> json, Span<byte> keyId, out HeaderFields header)
    {
        header = default;
        Span<byte> nameBuffer = stackalloc byte[StackBytes];
        Span<Range> seen = stackalloc Range[MaximumMembers];
        var names = new MemberNames(nameBuffer, seen);
        scoped var reader = new Utf8JsonReader(json, ReaderOptions);
        bool hs256 = false, accessTokenType = false;
        var keyIdLength = -1;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!names.TryAdd(ref reader, out var start, out var length))
                {
                    return false;
                }

                var name = nameBuffer.Slice(start, length);
                if (name.SequenceEqual("crit"u8))
                {
                    return false;
                }

                if (name.SequenceEqual("alg"u8))
                {
                    reader.Read();
                    hs256 = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(Hs256);
                }
                else if (name.SequenceEqual("typ"u8))
                {
                    reader.Read();
                    accessTokenType = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(AccessTokenType);
                }
                else if (name.SequenceEqual("kid"u8))
                {
                    reader.Read();
                    keyIdLength = reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= MaximumKeyIdBytes
                        ? (reader.ValueIsEscaped ? reader.CopyString(keyId) : Copy(reader.ValueSpan, keyId))
                        : -1;
                }
                else if (name.SequenceEqual("cty"u8) || name.SequenceEqual("zip"u8) || name.SequenceEqual("x5t"u8))
                {
                    // Strings by RFC 7515 §4.1.10, RFC 7516 §4.1.3 and RFC 7515 §4.1.7; the library refuses any other type.
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return false;
                    }
                }
                else
                {
                    reader.Read();
                }

                reader.Skip();
            }

            header = new HeaderFields(hs256, accessTokenType, keyIdLength);
            return IsClosed(ref reader);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException)
        {
            // JsonException: not JSON; InvalidOperationException: an escaped lone surrogate; ArgumentException: a name too long.
            return false;
        }
    }

    private static TokenFailure ReadClaims(ReadOnlySpan<byte> json, ReadOnlySpan<byte> issuer, ReadOnlySpan<byte> audience, out AccessTokenClaims claims)
    {
        claims = default;
        Span<byte> nameBuffer = stackalloc byte[StackBytes];
        Span<Range> seen = stackalloc Range[MaximumMembers];
        var names = new MemberNames(nameBuffer, seen);
        scoped var reader = new Utf8JsonReader(json, ReaderOptions);
        bool issuerMatches = false, audienceMatches = false;
        long? expires = null, notBefore = null;
        var scopes = ScopeSet.None;
        string? clientId = null, tokenId = null, grantId = null, clientEntry = null, subject = null, name = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return TokenFailure.Malformed;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!names.TryAdd(ref reader, out var start, out var length))
                {
                    return TokenFailure.Malformed;
                }

                var member = Member(nameBuffer.Slice(start, length));
                reader.Read();
                switch (member)
                {
                    case Claim.Issuer:
                        issuerMatches = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(issuer);
                        reader.Skip();
                        break;
                    case Claim.Audience:
                        if (!TryReadAudience(ref reader, audience, out audienceMatches))
                        {
                            return TokenFailure.Malformed;
                        }

                        break;
                    case Claim.Expires:
                        // Rounded toward refusing: an exp ends no later than the library's rounding ends it.
                        if (!TryReadNumericDate(ref reader, roundUp: false, out var expiresValue))
                        {
                            return TokenFailure.Malformed;
                        }

                        expires = expiresValue;
                        break;
                    case Claim.NotBefore:
                        // Rounded toward refusing: an nbf starts no earlier than the library's rounding starts it.
                        if (!TryReadNumericDate(ref reader, roundUp: true, out var notBeforeValue))
                        {
                            return TokenFailure.Malformed;
                        }

                        notBefore = notBeforeValue;
                        break;
                    case Claim.IssuedAt:
                        if (!TryReadNumericDate(ref reader, roundUp: false, out _))
                        {
                            return TokenFailure.Malformed;
                        }

                        break;
                    case Claim.AuthorizedParty when reader.TokenType == JsonTokenType.String:
                        break;
                    case Claim.ClientId when reader.TokenType == JsonTokenType.String:
                        clientId = reader.GetString();
                        break;
                    case Claim.Scope when reader.TokenType == JsonTokenType.String:
                        scopes = reader.ValueIsEscaped ? Scopes.Parse(reader.GetString()) : Scopes.Parse(reader.ValueSpan);
                        break;
                    case Claim.TokenId when reader.TokenType == JsonTokenType.String:
                        tokenId = reader.GetString();
                        break;
                    case Claim.GrantId when reader.TokenType == JsonTokenType.String:
                        grantId = reader.GetString();
                        break;
                    case Claim.ClientEntry when reader.TokenType == JsonTokenType.String:
                        clientEntry = reader.GetString();
                        break;
                    case Claim.Subject when reader.TokenType == JsonTokenType.String:
                        subject = reader.GetString();
                        break;
                    case Claim.Name when reader.TokenType == JsonTokenType.String:
                        name = reader.GetString();
                        break;
                    case Claim.ClientId or Claim.Scope or Claim.TokenId or Claim.GrantId or Claim.ClientEntry or Claim.Subject or Claim.AuthorizedParty:
                        // A claim this server reads, of another type: "scope": [...] would otherwise read as no scope and pass.
                        // sub and azp are not read here, but must be strings (RFC 7519 §4.1.2, OIDC Core §2): IdentityModel
                        // refuses an object, array or boolean in either.
                        return TokenFailure.Malformed;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (!IsClosed(ref reader))
            {
                return TokenFailure.Malformed;
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException)
        {
            return TokenFailure.Malformed;
        }

        if (!audienceMatches)
        {
            return TokenFailure.WrongAudience;
        }

        if (!issuerMatches)
        {
            return TokenFailure.WrongIssuer;
        }

        if (expires is not { } exp || string.IsNullOrEmpty(clientId))
        {
            return TokenFailure.Malformed;
        }

        claims = new AccessTokenClaims(clientId, scopes, tokenId, grantId, FromUnixSeconds(exp), notBefore is { } nbf ? FromUnixSeconds(nbf) : null, clientEntry, subject, name);
        return TokenFailure.None;
    }

    private enum Claim { Other, Issuer, Audience, Expires, NotBefore, IssuedAt, Subject, AuthorizedParty, ClientId, Scope, TokenId, GrantId, ClientEntry, Name }

    private static Claim Member(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("iss"u8) ? Claim.Issuer
        : name.SequenceEqual("aud"u8) ? Claim.Audience
        : name.SequenceEqual("exp"u8) ? Claim.Expires
        : name.SequenceEqual("nbf"u8) ? Claim.NotBefore
        : name.SequenceEqual("iat"u8) ? Claim.IssuedAt
        : name.SequenceEqual("sub"u8) ? Claim.Subject
        : name.SequenceEqual("azp"u8) ? Claim.AuthorizedParty
        : name.SequenceEqual("jti"u8) ? Claim.TokenId
        : name.SequenceEqual(GrantIdName) ? Claim.GrantId
        : name.SequenceEqual(ScopeName) ? Claim.Scope
        : name.SequenceEqual(ClientIdName) ? Claim.ClientId
        : name.SequenceEqual(ClientEntryName) ? Claim.ClientEntry
        : name.SequenceEqual(NameName) ? Claim.Name
        : Claim.Other;

    /// <summary>
    /// RFC 7519 §4.1.3: a string, or an array of strings; <paramref name="names"/> when one of them names this server.
    /// False for an array holding anything but strings, which the library refuses as a whole.
    /// </summary>
    private static bool TryReadAudience(ref Utf8JsonReader reader, ReadOnlySpan<byte> audience, out bool names)
    {
        names = false;
        if (reader.TokenType == JsonTokenType.String)
        {
            names = reader.ValueTextEquals(audience);
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return true;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                return false;
            }

            names |= reader.ValueTextEquals(audience);
        }

        return true;
    }

    // 2^63, which is also (double)long.MaxValue: a double at or past it is beyond a long.
    private const double PastInt64 = 9223372036854775808d;

    /// <summary>
    /// RFC 7519 §2 NumericDate: seconds, possibly with a fraction, rounded up or down as the caller says. A value outside
    /// the 64-bit range is malformed, not "never": JsonWebTokenHandler refuses it (its conversion overflows), and
    /// clamping it would turn <c>"exp":1e300</c> into a token that never expires.
    /// </summary>
    private static bool TryReadNumericDate(ref Utf8JsonReader reader, bool roundUp, out long seconds)
    {
        seconds = 0;
        if (reader.TokenType != JsonTokenType.Number)
        {
            return false;
        }

        if (reader.TryGetInt64(out seconds))
        {
            return true;
        }

        // The negated range test also refuses NaN and the infinities.
        if (!reader.TryGetDouble(out var value) || !(value >= -PastInt64 && value < PastInt64))
        {
            return false;
        }

        seconds = (long)(roundUp ? Math.Ceiling(value) : Math.Floor(value));
        return true;
    }

    private static readonly long MinimumUnixSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly long MaximumUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    /// <summary>Clamped to the calendar: an exp past year 9999 is "never", not an exception.</summary>
    private static DateTimeOffset FromUnixSeconds(long seconds) =>
        seconds >= MaximumUnixSeconds ? DateTimeOffset.MaxValue
        : seconds <= MinimumUnixSeconds ? DateTimeOffset.MinValue
        : DateTimeOffset.FromUnixTimeSeconds(seconds);

    private static bool TryDecode(ReadOnlySpan<char> segment, Span<byte> buffer, out ReadOnlySpan<byte> json)
    {
        json = default;
        if (Base64Url.DecodeFromChars(segment, buffer, out _, out var written) != OperationStatus.Done)
        {
            return false;
        }

        json = buffer[..written];
        // Found by fuzzing: a lone surrogate escape or invalid UTF-8 makes name comparison throw.
        return Utf8.IsValid(json) && !InteroperableJson.HasUnpairedSurrogateEscape(json);
    }

    /// <summary>The object closed at the top level and nothing after it.</summary>
    private static bool IsClosed(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0 && !reader.Read();

    private static int Copy(ReadOnlySpan<byte> value, Span<byte> destination) => value.TryCopyTo(destination) ? value.Length : -1;

    private static void Return(byte[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Top-level member names seen so far, unescaped (so that <c>"sc\u006fpe"</c> and <c>"scope"</c> are one name):
    /// a repeat is refused, since a parser that silently keeps one of two values invites parser-differential attacks.
    /// </summary>
    private ref struct MemberNames(Span<byte> buffer, Span<Range> seen)
    {
        private readonly Span<byte> buffer = buffer;
        private readonly Span<Range> seen = seen;
        private int used;
        private int count;

        /// <summary>False for a repeated name, too many or too long; else where the unescaped name sits in the buffer.</summary>
        public bool TryAdd(ref Utf8JsonReader reader, out int start, out int length)
        {
            start = used;
            var free = buffer[used..];
            length = reader.ValueIsEscaped ? reader.CopyString(free) : Copy(reader.ValueSpan, free);
            if (length < 0 || count == seen.Length)
            {
                return false;
            }

            var name = free[..length];
            for (var i = 0; i < count; i++)
            {
                if (buffer[seen[i]].SequenceEqual(name))
                {
                    return false;
                }
            }

            seen[count++] = new Range(used, used + length);
            used += length;
            return true;
        }
    }
}
