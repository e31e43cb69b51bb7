using System.IO.Compression;
using System.Text;
using CampaignMcp.Campaigns;

namespace CampaignMcp.Storage.Tables;

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
        using var buffer = new MemoryStream();
        using (var brotli = new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(brotli, Encoding.UTF8))
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

        return buffer.ToArray();
    }

    /// <exception cref="InvalidDataException">Not a snapshot this codec wrote.</exception>
    public static List<Campaign> Decode(Stream compressed)
    {
        using var brotli = new BrotliStream(compressed, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new BinaryReader(brotli, Encoding.UTF8);
        try
        {
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
        catch (EndOfStreamException exception)
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
