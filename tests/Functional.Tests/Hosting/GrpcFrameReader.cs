namespace CampaignMcp.Functional.Tests.Hosting;

/// <summary>
/// Splits a gRPC request body into its messages: each is a compressed flag byte, a 4-byte big-endian length and the
/// message (gRPC over HTTP/2, "Length-Prefixed-Message"). The worker sends uncompressed messages.
/// https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md
/// </summary>
public sealed class GrpcFrameReader
{
    private readonly List<byte> pending = [];

    /// <summary>Adds what arrived and returns every message now complete.</summary>
    public IReadOnlyList<byte[]> Add(ReadOnlySpan<byte> received)
    {
        pending.AddRange(received);
        var messages = new List<byte[]>();
        while (pending.Count >= 5)
        {
            var length = (pending[1] << 24) | (pending[2] << 16) | (pending[3] << 8) | pending[4];
            if (pending.Count < 5 + length)
            {
                break;
            }

            messages.Add(pending.GetRange(5, length).ToArray());
            pending.RemoveRange(0, 5 + length);
        }

        return messages;
    }
}
