using System.Diagnostics;
using System.Text;
using GpuImdb.Trainer.Data;

namespace GpuImdb.Trainer.Tests.Data;

public sealed class KerasTextTokenizerTests
{
    private static readonly WordIndex Words = new(
    [
        new("the", 1), new("movie", 2), new("it's", 3), new("br", 4), new("great", 5), new("café", 6),
    ]);

    [Fact]
    public void Html_line_breaks_become_the_word_br()
    {
        var words = KerasTextTokenizer.Tokenize("Great film.<br /><br />The end");

        Assert.Equal(["great", "film", "br", "br", "the", "end"], words);
    }

    [Fact]
    public void Every_filter_character_tab_and_newline_separates_words()
    {
        var text = string.Join("", KerasTextTokenizer.Filters.Select(c => $"w{c}")) + "w";

        var words = KerasTextTokenizer.Tokenize(text);

        Assert.Equal(Enumerable.Repeat("w", KerasTextTokenizer.Filters.Length + 1), words);
    }

    [Fact]
    public void Apostrophes_and_other_characters_stay_inside_words()
    {
        var words = KerasTextTokenizer.Tokenize("It's 10\u00A0stars\r\nreally\u000Bgood 'quoted'");

        Assert.Equal(["it's", "10\u00A0stars\r", "really\u000Bgood", "'quoted'"], words);
    }

    [Fact]
    public void Only_ascii_letters_are_lower_cased()
    {
        var words = KerasTextTokenizer.Tokenize("CAFÉ Ünïcode ΣΟΦΙΑ");

        Assert.Equal(["cafÉ", "Ünïcode", "ΣΟΦΙΑ"], words);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!! ... \t\n")]
    public void Text_without_words_has_no_tokens_and_ids_of_just_the_start_mark(string text)
    {
        var tokens = KerasTextTokenizer.Tokenize(text);
        var ids = KerasTextTokenizer.ToIds(text, Words);

        Assert.Empty(tokens);
        Assert.Equal([1], ids);
    }

    [Fact]
    public void Ids_are_ranks_shifted_by_three_after_the_start_mark_with_unknown_words_dropped()
    {
        var ids = KerasTextTokenizer.ToIds("The movie? It's GREAT, unknownword... café!", Words);

        Assert.Equal([1, 4, 5, 6, 8, 9], ids);
    }

    [Fact]
    public void Ids_at_or_above_num_words_become_the_oov_id()
    {
        var ids = KerasTextTokenizer.ToIds("the movie great café", Words, numWords: 7);

        Assert.Equal([1, 4, 5, 2, 2], ids);
    }

    [Fact]
    public void Ranks_keep_the_order_of_the_known_words()
    {
        var ranks = KerasTextTokenizer.ToRanks("great the nothing the", Words);

        Assert.Equal([5, 1, 1], ranks);
    }

    [Fact]
    public void A_100000_word_review_is_tokenised_whole_and_quickly()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
        {
            text.Append(i % 3 == 0 ? "The " : i % 3 == 1 ? "movie, " : "zzz<br />");
        }

        var watch = Stopwatch.StartNew();
        var tokens = KerasTextTokenizer.Tokenize(text.ToString()).ToList();
        var ids = KerasTextTokenizer.ToIds(text.ToString(), Words);

        Assert.Equal(100_000 + 33_333, tokens.Count);
        Assert.Equal(1 + 66_667 + 33_333, ids.Length);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }
}
