// Signature-only declarations: API facts (names and types), no library code (../README.md).
// assembly: System.IO.FileSystem, Version=1.1.93.0
// package: nanoFramework.System.IO.FileSystem 1.1.93
// references: System.IO.Streams
// source: nanoframework/System.IO.FileSystem @ 434b26c6db29708367e4df3f4ea82095ef843372, System.IO.FileSystem/File.cs, FileStream.cs, FileMode.cs, FileAccess.cs, FileShare.cs, Directory.cs, Path.cs
namespace System.IO
{
    public enum FileMode
    {
        CreateNew = 1,
        Create = 2,
        Open = 3,
        OpenOrCreate = 4,
        Truncate = 5,
        Append = 6,
    }

    public enum FileAccess
    {
        Read = 1,
        Write = 2,
        ReadWrite = 3,
    }

    public static class File
    {
        public static void Copy(string sourceFileName, string destFileName) => throw null;
        public static void Copy(string sourceFileName, string destFileName, bool overwrite) => throw null;
        public static FileStream Create(string path) => throw null;
        public static void Delete(string path) => throw null;
        public static bool Exists(string path) => throw null;
        public static void Move(string sourceFileName, string destFileName) => throw null;
        public static FileStream Open(string path, FileMode mode) => throw null;
        public static FileStream Open(string path, FileMode mode, FileAccess access) => throw null;
        public static FileStream OpenRead(string path) => throw null;
        public static FileStream OpenWrite(string path) => throw null;
        public static byte[] ReadAllBytes(string path) => throw null;
        public static string ReadAllText(string path) => throw null;
        public static void WriteAllBytes(string path, byte[] bytes) => throw null;
        public static void WriteAllText(string path, string contents) => throw null;
    }

    public static class Path
    {
        public static string Combine(string path1, string path2) => throw null;
        public static string GetDirectoryName(string path) => throw null;
        public static string GetExtension(string path) => throw null;
        public static string GetFileName(string path) => throw null;
        public static string GetFileNameWithoutExtension(string path) => throw null;
        public static string GetFullPath(string path) => throw null;
    }

    public static class Directory
    {
        public static void Delete(string path) => throw null;
        public static bool Exists(string path) => throw null;
        public static string[] GetFiles(string path) => throw null;
        public static string[] GetDirectories(string path) => throw null;
    }

    public class FileStream : Stream
    {
        public FileStream(string path, FileMode mode) { }
        public FileStream(string path, FileMode mode, FileAccess access) { }
        public override bool CanRead => throw null;
        public override bool CanSeek => throw null;
        public override bool CanWrite => throw null;
        public override long Length => throw null;
        public override long Position { get => throw null; set => throw null; }
        public string Name => throw null;
        public override void Close() => throw null;
        protected override void Dispose(bool disposing) => throw null;
        public override void Flush() => throw null;
        public override int Read(byte[] buffer, int offset, int count) => throw null;
        public override int Read(SpanByte buffer) => throw null;
        public override int ReadByte() => throw null;
        public override long Seek(long offset, SeekOrigin origin) => throw null;
        public override void SetLength(long value) => throw null;
        public override void Write(byte[] buffer, int offset, int count) => throw null;
        public override void WriteByte(byte value) => throw null;
    }
}
