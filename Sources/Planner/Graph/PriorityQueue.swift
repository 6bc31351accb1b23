/// A binary min-heap: O(log n) insert and removal of the least element.
struct PriorityQueue<Element> {
    private var items: [Element] = []
    private let isOrderedBefore: (Element, Element) -> Bool

    init(by isOrderedBefore: @escaping (Element, Element) -> Bool) {
        self.isOrderedBefore = isOrderedBefore
    }

    var isEmpty: Bool { items.isEmpty }

    mutating func push(_ element: Element) {
        items.append(element)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard isOrderedBefore(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Element? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let least = items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < items.count && isOrderedBefore(items[left], items[smallest]) {
                smallest = left
            }
            if right < items.count && isOrderedBefore(items[right], items[smallest]) {
                smallest = right
            }
            guard smallest != parent else { break }
            items.swapAt(parent, smallest)
            parent = smallest
        }
        return least
    }
}
