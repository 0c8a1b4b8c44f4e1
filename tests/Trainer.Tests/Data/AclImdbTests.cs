using GpuImdb.Trainer.Data;

namespace GpuImdb.Trainer.Tests.Data;

public sealed class AclImdbTests : IDisposable
{
    private static readonly WordIndex Words = new(
    [
        new("a", 1), new("movie", 2), new("great", 3), new("bad", 4), new("acting", 5), new("br", 6),
    ]);

    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        _folder.Dispose();
    }

    [Fact]
    public void Each_split_is_positives_then_negatives_sorted_by_file_name_ordinally()
    {
        var files = new AclImdbFiles()
            .Review("train/neg/2_1.txt", "bad").Review("train/pos/2_9.txt", "a")
            .Review("train/pos/10_7.txt", "movie").Review("train/neg/10_3.txt", "acting")
            .Review("test/neg/0_1.txt", "bad bad").Review("test/pos/0_7.txt", "great great");

        var (train, test) = Unshuffled(files);

        // Ordinal order puts 10_7.txt before 2_9.txt.
        Assert.Equal([[2], [1], [5], [4]], train.Ranks);
        Assert.Equal([1, 1, 0, 0], train.Labels);
        Assert.Equal([[3, 3], [4, 4]], test.Ranks);
        Assert.Equal([1, 0], test.Labels);
    }

    [Fact]
    public void Unsup_urls_vocab_and_badly_named_files_are_ignored()
    {
        var files = AclImdbFiles.Minimal()
            .Review("train/unsup/0_0.txt", "great great")
            .Review("train/urls_pos.txt", "http://www.imdb.com/title/tt0453418/usercomments")
            .Review("imdb.vocab", "the\nand")
            .Review("README", "Large Movie Review Dataset v1.0")
            .Review("train/pos/notes.txt", "great")
            .Review("train/pos/1_9.txt.orig", "great")
            .Review("train/labeledBow.feat", "0:9 1:1");

        var (train, test) = Unshuffled(files);

        Assert.Equal(2, train.Count);
        Assert.Equal(2, test.Count);
    }

    [Fact]
    public void Reviews_map_to_ranks_and_unknown_words_are_dropped()
    {
        var files = AclImdbFiles.Minimal().Without("train/pos/0_9.txt")
            .Review("train/pos/0_9.txt", "A GREAT movie!<br /><br />Truly unforgettable.");

        var (train, _) = Unshuffled(files);

        Assert.Equal([1, 3, 2, 6, 6], train.Ranks[0]);
    }

    [Fact]
    public void Load_applies_the_npz_steps_shuffle_start_mark_offset_and_vocabulary_cut()
    {
        // The same numpy shuffle as KerasImdbTests: RandomState(113) on 5 then 4 items.
        var files = new AclImdbFiles()
            .Review("train/pos/0_9.txt", "a").Review("train/pos/1_9.txt", "movie")
            .Review("train/pos/2_9.txt", "great").Review("train/neg/0_1.txt", "bad")
            .Review("train/neg/1_1.txt", "acting")
            .Review("test/pos/0_9.txt", "a").Review("test/pos/1_9.txt", "movie")
            .Review("test/neg/0_1.txt", "great").Review("test/neg/1_1.txt", "bad");
        var path = _folder.Write("reviews.tar.gz", files.ToTarGz());

        var data = AclImdb.Load(path, ImdbFormat.AclImdbTarGz, Words, numWords: 7);

        Assert.Equal([[1, 5], [1, 4], [1, 2], [1, 6], [1, 2]], data.Train.Sequences);
        Assert.Equal([1, 1, 0, 1, 0], data.Train.Labels);
        Assert.Equal([[1, 4], [1, 5], [1, 2], [1, 6]], data.Test.Sequences);
        Assert.Equal([1, 1, 0, 0], data.Test.Labels);
        Assert.Equal(ImdbFormat.AclImdbTarGz, data.Format);
        Assert.Null(data.BuiltWordIndex);
    }

    [Fact]
    public void An_empty_review_becomes_just_the_start_mark()
    {
        var files = AclImdbFiles.Minimal().Without("test/neg/0_2.txt").Review("test/neg/0_2.txt", "");
        var path = _folder.Write("reviews.tar.gz", files.ToTarGz());

        var data = AclImdb.Load(path, ImdbFormat.AclImdbTarGz, Words);

        Assert.Contains([1], data.Test.Sequences);
    }

    [Fact]
    public void The_folder_and_the_archive_give_the_same_data()
    {
        var files = AclImdbFiles.Minimal().Review("train/pos/7_10.txt", "Great, great acting.");
        var archive = _folder.Write("aclImdb_v1.tar.gz", files.ToTarGz());
        var folder = files.WriteFolder(Path.Combine(_folder.Path, "extracted"));

        var fromArchive = AclImdb.Load(archive, ImdbFormat.AclImdbTarGz, Words);
        var fromFolder = AclImdb.Load(folder, ImdbFormat.AclImdbDirectory, Words);
        var fromParent = AclImdb.Load(Path.GetDirectoryName(folder)!, ImdbFormat.AclImdbDirectory, Words);

        Assert.Equal(fromArchive.Train.Sequences, fromFolder.Train.Sequences);
        Assert.Equal(fromArchive.Test.Sequences, fromFolder.Test.Sequences);
        Assert.Equal(fromArchive.Train.Labels, fromFolder.Train.Labels);
        Assert.Equal(fromFolder.Train.Sequences, fromParent.Train.Sequences);
    }

    [Fact]
    public void Without_a_word_index_one_is_built_from_training_counts_with_ties_by_first_appearance()
    {
        var files = new AclImdbFiles()
            .Review("train/pos/0_9.txt", "zebra apple apple")
            .Review("train/pos/1_9.txt", "mango zebra")
            .Review("train/neg/0_1.txt", "kiwi mango apple")
            .Review("test/pos/0_9.txt", "apple testonly")
            .Review("test/neg/0_1.txt", "kiwi");
        var path = _folder.Write("reviews.tar.gz", files.ToTarGz());

        var data = AclImdb.Load(path, ImdbFormat.AclImdbTarGz, words: null, numWords: int.MaxValue, seed: 1);

        var built = Assert.IsType<WordIndex>(data.BuiltWordIndex);
        Assert.Equal(
            [new("apple", 1), new("zebra", 2), new("mango", 3), new("kiwi", 4)],
            built.Ranks.OrderBy(p => p.Value));
        Assert.Contains([1, 4], data.Test.Sequences);
        Assert.Contains([1, 7], data.Test.Sequences);
    }

    [Fact]
    public void A_built_word_index_saves_and_loads_back_the_same()
    {
        var words = new WordIndex([new("apple", 1), new("it's", 2), new("café", 3), new("\"quote\"", 4)]);
        var path = Path.Combine(_folder.Path, "word_index.json");

        words.Save(path);
        var loaded = WordIndex.Load(path);

        Assert.Equal(words.Ranks.OrderBy(p => p.Value), loaded.Ranks.OrderBy(p => p.Value));
        Assert.StartsWith("{\"apple\":1,\"it's\":2,\"café\":3,", File.ReadAllText(path));
    }

    [Theory]
    [InlineData("test/neg")]
    [InlineData("train/pos")]
    public void An_archive_without_a_review_folder_is_refused_naming_it(string folder)
    {
        var files = AclImdbFiles.Minimal().Without(folder + (folder == "test/neg" ? "/0_2.txt" : "/0_9.txt"));
        var path = _folder.Write("aclImdb_v1.tar.gz", files.ToTarGz());

        var error = Assert.Throws<UserErrorException>(() => AclImdb.Load(path, ImdbFormat.AclImdbTarGz, Words));

        Assert.StartsWith($"{path} has no reviews in {folder} (files named like {folder}/0_9.txt);", error.Message);
    }

    [Fact]
    public void A_folder_without_test_neg_is_refused_naming_it()
    {
        var folder = AclImdbFiles.Minimal().Without("test/neg/0_2.txt").WriteFolder(_folder.Path);

        var error = Assert.Throws<UserErrorException>(
            () => AclImdb.Load(folder, ImdbFormat.AclImdbDirectory, Words));

        Assert.StartsWith($"{folder} has no folder test/neg;", error.Message);
    }

    [Fact]
    public void An_archive_cut_off_inside_a_review_is_refused_naming_the_entry()
    {
        var path = _folder.Write("aclImdb_v1.tar.gz", AclImdbFiles.CutInsideAReview());

        var error = Assert.Throws<UserErrorException>(() => AclImdb.Load(path, ImdbFormat.AclImdbTarGz, Words));

        Assert.StartsWith($"{path}: entry 'aclImdb/train/neg/0_1.txt' is cut off: the archive ends after ",
            error.Message);
    }

    [Fact]
    public void A_review_that_is_not_utf8_is_refused_naming_the_file_and_byte()
    {
        var files = AclImdbFiles.Minimal().Entry("aclImdb/train/pos/3_7.txt", [(byte)'o', (byte)'k', 0xC3, 0x28]);
        var path = _folder.Write("aclImdb_v1.tar.gz", files.ToTarGz());

        var error = Assert.Throws<UserErrorException>(() => AclImdb.Load(path, ImdbFormat.AclImdbTarGz, Words));

        Assert.StartsWith($"{path}: entry 'aclImdb/train/pos/3_7.txt' is not valid UTF-8 (at byte 2);",
            error.Message);
    }

    [Fact]
    public void A_review_listed_twice_is_refused()
    {
        var files = AclImdbFiles.Minimal().Review("train/pos/0_9.txt", "again");
        var path = _folder.Write("aclImdb_v1.tar.gz", files.ToTarGz());

        var error = Assert.Throws<UserErrorException>(() => AclImdb.Load(path, ImdbFormat.AclImdbTarGz, Words));

        Assert.Contains("is a second copy of train/pos/0_9.txt", error.Message);
    }

    private (RankedReviews Train, RankedReviews Test) Unshuffled(AclImdbFiles files)
    {
        var path = _folder.Write("aclImdb_v1.tar.gz", files.ToTarGz());
        var ranks = AclImdb.ReadRanks(path, ImdbFormat.AclImdbTarGz, Words);
        return (ranks.Train, ranks.Test);
    }
}
