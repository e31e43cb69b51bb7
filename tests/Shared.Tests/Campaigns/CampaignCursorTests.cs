using System.Text;
using CampaignMcp.Campaigns;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.Tests.Campaigns;

public class CampaignCursorTests
{
    private const string Fingerprint = "query-a";
    private const string Snapshot = "v1";

    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    [InlineData(99_950)]
    public void A_cursor_reads_back_to_its_offset_for_the_same_query(int offset) =>
        Assert.Equal(offset, CampaignCursor.Read(CampaignCursor.Make(offset, Fingerprint, Snapshot), Fingerprint, Snapshot));

    [Fact]
    public void A_cursor_of_another_filter_or_sort_says_so()
    {
        var error = Assert.Throws<InvalidCursorException>(() => CampaignCursor.Read(CampaignCursor.Make(50, Fingerprint, Snapshot), "query-b", Snapshot));
        Assert.Contains("different filter or sort", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("!!!")]
    [InlineData("YzEuNTAucXVlcnktYS5ub3Bl")]
    public void Anything_else_is_not_a_cursor_this_server_issued(string cursor)
    {
        var error = Assert.Throws<InvalidCursorException>(() => CampaignCursor.Read(cursor, Fingerprint, Snapshot));
        Assert.Equal("The cursor is not one this server issued", error.Message);
    }

    [Fact]
    public void Changing_the_offset_inside_a_cursor_breaks_its_check()
    {
        var decoded = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(CampaignCursor.Make(50, Fingerprint, Snapshot)));
        var forged = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(decoded.Replace(".50.", ".0.", StringComparison.Ordinal)));

        Assert.Throws<InvalidCursorException>(() => CampaignCursor.Read(forged, Fingerprint, Snapshot));
    }

    [Fact]
    public void A_cursor_of_an_older_snapshot_says_it_expired()
    {
        var error = Assert.Throws<InvalidCursorException>(() => CampaignCursor.Read(CampaignCursor.Make(50, Fingerprint, Snapshot), Fingerprint, "v2"));
        Assert.Contains("expired", error.Message, StringComparison.Ordinal);
    }
}
