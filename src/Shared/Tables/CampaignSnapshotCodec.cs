using System.IO.Compression;
using System.Text;
using CampaignMcp.Campaigns;

namespace CampaignMcp.Tables;

/// <summary>
/// A set of campaigns as one compact byte string (binary rows, Brotli at its fastest level): what the campaign
/// index stores per snapshot, so that a fresh instance loads 100,000 campaigns in a few large reads instead of
/// 100 pages of entities. Repeated strings (objective, currency, tags) are shared on decode.
/// </summary>
public static class CampaignSnapshotCodec
{
    private const int Format = 2;

    public static byte[] Encode(IReadOnlyCollection<Campaign> campaigns)
    {
        // Rows are written uncompressed, then compressed in one call: BrotliStream at its fastest level fed many small
        // writes compresses several times worse and dozens of times slower than one write of the same bytes.
        using var raw = new MemoryStream();
        using (var writer = new BinaryWriter(raw, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Format);
            writer.Write(campaigns.Count);
            foreach (var c in campaigns)
            {
                writer.Write(c.Id);
                writer.Write(c.Name);
                writer.Write((byte)c.Status);
                writer.Write((byte)c.Channel);
                writer.Write(c.Objective);
                WriteDecimal(writer, c.Budget);
                WriteDecimal(writer, c.Spend);
                writer.Write(c.Currency);
                writer.Write7BitEncodedInt(c.StartDate.DayNumber);
                writer.Write7BitEncodedInt(c.EndDate.DayNumber);
                writer.Write7BitEncodedInt64(c.Impressions);
                writer.Write7BitEncodedInt64(c.Clicks);
                writer.Write7BitEncodedInt64(c.Conversions);
                WriteDecimal(writer, c.Revenue);
                writer.Write7BitEncodedInt(c.Tags.Count);
                foreach (var tag in c.Tags)
                {
                    writer.Write(tag);
                }

                writer.Write(c.UpdatedAt.UtcTicks);
                writer.Write((short)c.UpdatedAt.Offset.TotalMinutes);
            }
        }

        using var compressed = new MemoryStream((int)(raw.Length / 4));
        using (var brotli = new BrotliStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            brotli.Write(raw.GetBuffer().AsSpan(0, (int)raw.Length));
        }

        return compressed.ToArray();
    }

    /// <exception cref="InvalidDataException">Not a snapshot this codec wrote.</exception>
    public static List<Campaign> Decode(Stream compressed)
    {
        using var raw = new MemoryStream();
        using var reader = new BinaryReader(raw, Encoding.UTF8);
        try
        {
            // Decompressed whole first, for the same reason: small reads from BrotliStream are slow.
            using (var brotli = new BrotliStream(compressed, CompressionMode.Decompress, leaveOpen: true))
            {
                brotli.CopyTo(raw);
            }

            raw.Position = 0;
            if (reader.ReadInt32() != Format)
            {
                throw new InvalidDataException("Unknown campaign snapshot format");
            }

            var count = reader.ReadInt32();
            var campaigns = new List<Campaign>(count);
            var shared = new Dictionary<string, string>(StringComparer.Ordinal);
            string Shared(string value) => shared.TryGetValue(value, out var existing) ? existing : shared[value] = value;
            for (var i = 0; i < count; i++)
            {
                var id = reader.ReadString();
                var name = reader.ReadString();
                var status = (CampaignStatus)reader.ReadByte();
                var channel = (CampaignChannel)reader.ReadByte();
                var objective = Shared(reader.ReadString());
                var budget = ReadDecimal(reader);
                var spend = ReadDecimal(reader);
                var currency = Shared(reader.ReadString());
                var start = DateOnly.FromDayNumber(reader.Read7BitEncodedInt());
                var end = DateOnly.FromDayNumber(reader.Read7BitEncodedInt());
                var impressions = reader.Read7BitEncodedInt64();
                var clicks = reader.Read7BitEncodedInt64();
                var conversions = reader.Read7BitEncodedInt64();
                var revenue = ReadDecimal(reader);
                var tags = new string[reader.Read7BitEncodedInt()];
                for (var t = 0; t < tags.Length; t++)
                {
                    tags[t] = Shared(reader.ReadString());
                }

                var ticks = reader.ReadInt64();
                var offset = TimeSpan.FromMinutes(reader.ReadInt16());
                campaigns.Add(new Campaign
                {
                    Id = id,
                    Name = name,
                    Status = status,
                    Channel = channel,
                    Objective = objective,
                    Budget = budget,
                    Spend = spend,
                    Currency = currency,
                    StartDate = start,
                    EndDate = end,
                    Impressions = impressions,
                    Clicks = clicks,
                    Conversions = conversions,
                    Revenue = revenue,
                    Tags = tags,
                    UpdatedAt = new DateTimeOffset(ticks + offset.Ticks, offset),
                });
            }

            return campaigns;
        }
        catch (Exception exception) when (exception is EndOfStreamException or InvalidOperationException or IOException)
        {
            throw new InvalidDataException("The campaign snapshot is truncated", exception);
        }
    }

    /// <summary>
    /// Money and the like: the scale, then the 96-bit mantissa as a variable-length integer when it fits 63 bits (a
    /// few bytes instead of 16). Exact, scale included, so 12.50 reads back as 12.50.
    /// </summary>
    private static void WriteDecimal(BinaryWriter writer, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        if (bits[2] == 0 && mantissa <= long.MaxValue)
        {
            writer.Write(value.Scale);
            writer.Write7BitEncodedInt64(value < 0 ? -(long)mantissa : (long)mantissa);
        }
        else
        {
            writer.Write(byte.MaxValue);
            writer.Write(value);
        }
    }

    private static decimal ReadDecimal(BinaryReader reader)
    {
        var scale = reader.ReadByte();
        if (scale == byte.MaxValue)
        {
            return reader.ReadDecimal();
        }

        var signed = reader.Read7BitEncodedInt64();
        var mantissa = (ulong)Math.Abs(signed);
        return new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, signed < 0, scale);
    }
}
