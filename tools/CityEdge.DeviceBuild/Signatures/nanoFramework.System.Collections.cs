// Signature-only declarations: API facts (names and types), no library code (../README.md).
// assembly: nanoFramework.System.Collections, Version=1.5.75.0
// package: nanoFramework.System.Collections 1.5.75
// source: nanoframework/System.Collections @ c334f95df155fb0546fc1461cd1b143afd637121, nanoFramework.System.Collections/Collections/Hashtable.cs, Queue.cs, Stack.cs, DictionaryEntry.cs, IDictionary.cs
namespace System.Collections
{
    public class Hashtable
    {
        public Hashtable() { }
        public Hashtable(int capacity) { }
        public Hashtable(int capacity, float loadFactor) { }
        public int Count => throw null;
        public ICollection Keys => throw null;
        public ICollection Values => throw null;
        public object this[object key] { get => throw null; set => throw null; }
        public object Clone() => throw null;
        public IEnumerator GetEnumerator() => throw null;
        public void Add(object key, object value) => throw null;
        public void Clear() => throw null;
        public bool Contains(object key) => throw null;
        public void Remove(object key) => throw null;
    }

    public class Queue : ICollection
    {
        public Queue() { }
        public virtual int Count => throw null;
        public virtual bool IsSynchronized => throw null;
        public virtual object SyncRoot => throw null;
        public virtual object Clone() => throw null;
        public virtual void Clear() => throw null;
        public virtual void CopyTo(Array array, int index) => throw null;
        public virtual void Enqueue(object obj) => throw null;
        public virtual IEnumerator GetEnumerator() => throw null;
        public virtual object Dequeue() => throw null;
        public virtual object Peek() => throw null;
        public virtual bool Contains(object obj) => throw null;
        public virtual object[] ToArray() => throw null;
    }
}
