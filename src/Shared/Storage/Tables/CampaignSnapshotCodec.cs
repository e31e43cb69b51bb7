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
    private const int Format = 1;

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
                writer.Write(c.Budget);
                writer.Write(c.Spend);
                writer.Write(c.Currency);
                writer.Write(c.StartDate.DayNumber);
                writer.Write(c.EndDate.DayNumber);
                writer.Write(c.Impressions);
                writer.Write(c.Clicks);
                writer.Write(c.Conversions);
                writer.Write(c.Revenue);
                writer.Write(c.Tags.Count);
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
                var budget = reader.ReadDecimal();
                var spend = reader.ReadDecimal();
                var currency = Shared(reader.ReadString());
                var start = DateOnly.FromDayNumber(reader.ReadInt32());
                var end = DateOnly.FromDayNumber(reader.ReadInt32());
                var impressions = reader.ReadInt64();
                var clicks = reader.ReadInt64();
                var conversions = reader.ReadInt64();
                var revenue = reader.ReadDecimal();
                var tags = new string[reader.ReadInt32()];
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
}
